using System.CommandLine;

namespace Reduction.Cli.PlanPeriods;

/// <summary>`reduction plan-periods list|import`: the plan periods in the workflow database, changed without a new build.</summary>
internal static class PlanPeriodsCommand
{
    public static Command Create() => new(
        "plan-periods",
        "规划期（考核的污染物、目标类型、监控阈值与考核依据），保存在工作流数据库中 / "
            + "Plan periods (pollutants, target kinds, monitoring thresholds and basis), kept in the workflow database.")
    {
        PlanPeriodListCommand.Create(),
        PlanPeriodImportCommand.Create(),
    };
}
