using System.Text.Json.Nodes;
using Reduction.Domain.Parties;
using Reduction.Domain.PlanPeriods;

namespace Reduction.Server.Answers.Forms;

/// <summary>What a form needs besides the posted values: whose task it is, the cycle year and what the workflow knows.</summary>
/// <param name="Party">The party the answer concerns: the assignee, or the one a handed-over task was reassigned from.</param>
/// <param name="Year">The cycle year (the workflow's `year`); assessment data are for <see cref="AssessedYear"/>.</param>
/// <param name="Variables">The instance's variables (cases and results the reviewers need to see).</param>
public sealed record TaskFormContext(Party Party, int Year, JsonObject Variables, PartyDirectory Parties, PlanPeriodCatalog Periods)
{
    public int AssessedYear => Year - 1;

    /// <summary>The plan period of <paramref name="year"/>, else the latest one (its pollutants are the best guess).</summary>
    public PlanPeriod PeriodOf(int year) => Periods.FindByYear(year) ?? Periods.Periods.OrderBy(p => p.LastYear).Last();
}
