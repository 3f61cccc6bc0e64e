namespace Reduction.Domain.Sanctions;

/// <summary>One veto measure against a prefecture: in force from the announcement date until lifted
/// (<see cref="EndsOn"/> is the first day it no longer applies).</summary>
public sealed record Sanction(string PrefectureId, SanctionKind Kind, int AssessedYear, DateOnly StartsOn, DateOnly? EndsOn = null, string? Basis = null)
{
    public bool IsInForceOn(DateOnly date) => StartsOn <= date && (EndsOn is null || date < EndsOn.Value);
}
