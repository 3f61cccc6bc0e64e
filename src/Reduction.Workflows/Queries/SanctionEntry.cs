using Reduction.Domain.Sanctions;

namespace Reduction.Workflows.Queries;

/// <summary>A recorded veto measure with its state and the lift workflows started for its prefecture and year
/// (newest first; <see cref="ActiveLift"/> the one still running, if any).</summary>
public sealed record SanctionEntry(
    Guid Id,
    string PrefectureId,
    SanctionKind Kind,
    int AssessedYear,
    DateOnly StartsOn,
    DateOnly? EndsOn,
    string Basis,
    string? LiftReason,
    Guid? RecordedBy,
    SanctionState State,
    IReadOnlyList<SanctionLift> Lifts)
{
    public SanctionLift? ActiveLift => Lifts.FirstOrDefault(l => l.IsActive);
}
