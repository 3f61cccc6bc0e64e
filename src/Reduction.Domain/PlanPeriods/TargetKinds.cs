using Reduction.Domain.Assessment;

namespace Reduction.Domain.PlanPeriods;

/// <summary>Stable wire codes of <see cref="TargetKind"/>: `capTonnes`, `changeVsPreviousYearPercent`,
/// `changeVsBaseYearPercent`.</summary>
public static class TargetKinds
{
    private static readonly CodeTable<TargetKind> Table = new(
        (TargetKind.CapTonnes, "capTonnes", "排放总量上限"),
        (TargetKind.ChangeVsPreviousYearPercent, "changeVsPreviousYearPercent", "较上年变化率"),
        (TargetKind.ChangeVsBaseYearPercent, "changeVsBaseYearPercent", "较基准年变化率"));

    public static IReadOnlyList<string> AllCodes => Table.AllCodes;

    public static string ToCode(TargetKind kind) => Table.ToCode(kind);

    /// <summary>Short zh-CN name for tables and notices.</summary>
    public static string DisplayName(TargetKind kind) => Table.DisplayName(kind);

    public static bool TryParse(string? code, out TargetKind kind) => Table.TryParse(code, out kind);
}
