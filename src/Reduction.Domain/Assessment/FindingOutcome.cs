namespace Reduction.Domain.Assessment;

/// <summary>The outcome of one criterion for one subject; wire codes in <see cref="FindingOutcomes"/>.</summary>
public enum FindingOutcome
{
    Passed,
    Failed,

    /// <summary>Nothing to assess (a zero denominator, a project due in a later year); never counts as failed.</summary>
    NotApplicable,
}
