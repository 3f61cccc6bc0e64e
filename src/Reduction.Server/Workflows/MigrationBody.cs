namespace Reduction.Server.Workflows;

/// <summary>Body of `POST /api/workflows/{id}/migrations/preview` and `POST /api/workflows/{id}/migrations`:
/// the versions, the instances (null for all on the source version), the activity mapping (source id to target id;
/// others match by id), optional filters by party and instance state, and for applying the typed confirmation.</summary>
public sealed record MigrationBody(
    int? FromVersion,
    int? ToVersion,
    List<Guid>? Instances,
    Dictionary<string, string?>? Mapping,
    string? Party,
    string? State,
    string? Confirm);
