namespace Reduction.Domain.Assessment;

/// <summary>A prefecture's result for the year; wire codes in <see cref="Verdicts"/>.</summary>
public enum Verdict
{
    Pass,

    /// <summary>At least one criterion failed: the one-vote veto applies once the government approves it.</summary>
    Fail,
}
