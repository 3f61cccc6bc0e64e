namespace Reduction.Server.Sanctions;

/// <summary>A recorded sanction as `GET /api/sanctions/registry` lists it: `state` is `in-force`, `lifting` or
/// `lifted`; `until` the first day it no longer applies; `liftInstanceId` the running lift (else the latest), if any.</summary>
public sealed record SanctionRegistryItem(
    Guid Id,
    string PrefectureId,
    string Prefecture,
    string Kind,
    string Name,
    int AssessedYear,
    string From,
    string? Until,
    string Basis,
    string State,
    string? LiftReason,
    Guid? LiftInstanceId,
    string? LiftStatus);
