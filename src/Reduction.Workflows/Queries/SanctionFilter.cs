namespace Reduction.Workflows.Queries;

/// <summary>Narrows the sanctions list beyond the caller's scope; null members do not filter.</summary>
public sealed record SanctionFilter(string? PrefectureId = null, int? AssessedYear = null, string? Kind = null, SanctionState? State = null)
{
    public static SanctionFilter None { get; } = new();
}
