using System.Text.Json.Nodes;
using Reduction.Workflows.Activities.Timing;
using Reduction.Workflows.Execution;

namespace Reduction.Workflows.Notices;

/// <summary>The title of the assessment measures a notice cites (model field `measures_title`), taken from the plan
/// period covering the assessed year when the model is built, so a notice keeps the title it was queued with.</summary>
internal static class NoticeMeasures
{
    public const string ModelField = "measures_title";

    /// <summary>The title for <paramref name="assessedYear"/>; null when no plan period covers it (templates then fall
    /// back to terms.json's `measures_default`).</summary>
    public static async Task<string?> TitleAsync(ActivityExecutionContext context, int assessedYear) =>
        (await context.PlanPeriods.GetCatalogAsync(context.CancellationToken)).FindByYear(assessedYear)?.MeasuresTitle;

    /// <summary>Adds the title to a model that has `assessed_year` (or else `year`, the cycle year, which assesses the
    /// year before) and no title of its own.</summary>
    public static async Task AddTitleAsync(ActivityExecutionContext context, JsonObject model)
    {
        if (model.ContainsKey(ModelField))
        {
            return;
        }

        int assessedYear;
        try
        {
            assessedYear = model["assessed_year"] is { } assessed ? WaitUntil.ToInt(assessed)
                : model["year"] is { } year ? WaitUntil.ToInt(year) - 1
                : 0;
        }
        catch (FormatException)
        {
            return;
        }

        if (assessedYear > 0 && await TitleAsync(context, assessedYear) is { } title)
        {
            model[ModelField] = title;
        }
    }
}
