namespace Reduction.Domain.Assessment;

/// <summary>Stable wire codes of <see cref="Verdict"/>: `pass`, `fail`.</summary>
public static class Verdicts
{
    private static readonly CodeTable<Verdict> Table = new(
        (Verdict.Pass, "pass", "合格"),
        (Verdict.Fail, "fail", "不合格"));

    public static string ToCode(Verdict verdict) => Table.ToCode(verdict);

    public static string DisplayName(Verdict verdict) => Table.DisplayName(verdict);

    public static bool TryParse(string? code, out Verdict verdict) => Table.TryParse(code, out verdict);
}
