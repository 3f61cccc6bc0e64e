namespace Reduction.Domain.Assessment;

/// <summary>Stable wire codes of <see cref="FindingOutcome"/>: `passed`, `failed`, `notApplicable`.</summary>
public static class FindingOutcomes
{
    private static readonly CodeTable<FindingOutcome> Table = new(
        (FindingOutcome.Passed, "passed", "达标"),
        (FindingOutcome.Failed, "failed", "未达标"),
        (FindingOutcome.NotApplicable, "notApplicable", "不适用"));

    public static string ToCode(FindingOutcome outcome) => Table.ToCode(outcome);

    public static string DisplayName(FindingOutcome outcome) => Table.DisplayName(outcome);

    public static bool TryParse(string? code, out FindingOutcome outcome) => Table.TryParse(code, out outcome);
}
