namespace Reduction.Domain.Assessment;

/// <summary>
/// One reason behind a verdict: a criterion applied to a subject (pollutant code, project name, or null for an
/// indicator). <see cref="Actual"/> and <see cref="Required"/> are zh-CN display text; the exact values are in
/// <see cref="ActualExact"/> and <see cref="RequiredExact"/> (fractions "n/d" or decimals as given).
/// </summary>
public sealed record Finding(
    AssessmentCriterion Criterion,
    string? Subject,
    string Actual,
    string Required,
    FindingOutcome Outcome,
    string Basis)
{
    public string? ActualExact { get; init; }

    public string? RequiredExact { get; init; }

    /// <summary>zh-CN explanation where the display values alone do not say why (late, not running, not applicable).</summary>
    public string? Note { get; init; }
}
