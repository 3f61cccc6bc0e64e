using System.Globalization;
using System.Text.Json;
using Reduction.Domain.Calendar;
using Reduction.Workflows.Definitions;

namespace Reduction.Server.Workflows;

/// <summary>The dates an activity's deadline inputs give in a cycle year (region-wide calendar), for the diff: `due`
/// and `rule` when they are fixed dates (`day:`, `last-day:`), and the reminders' and escalation steps' days counted
/// from such a due date. A rule counted from the day a task is issued has no date before the instance runs.</summary>
public static class DeadlineDates
{
    public static IReadOnlyList<string>? Of(ActivityNode node, string property, int year, OfficialCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(node);
        var inputs = node.Inputs ?? [];
        try
        {
            switch (property)
            {
                case "due" or "rule":
                    return Fixed(inputs, property, year, calendar) is { } date ? [Iso(date)] : null;
                case "reminders" or "escalation":
                    if (Fixed(inputs, "due", year, calendar) is not { } due
                        || !inputs.TryGetValue(property, out var steps) || steps.ValueKind != JsonValueKind.Array)
                    {
                        return null;
                    }

                    var field = property == "reminders" ? "offset" : "after";
                    var dates = new List<string>();
                    foreach (var step in steps.EnumerateArray())
                    {
                        if (step.ValueKind != JsonValueKind.Object || !step.TryGetProperty(field, out var offset)
                            || offset.ValueKind != JsonValueKind.String || !DeadlineRule.TryParse(offset.GetString(), out var rule))
                        {
                            return null;
                        }

                        dates.Add(Iso(rule.Resolve(new DeadlineContext(year, due), calendar).DueDate));
                    }

                    return dates;
                default:
                    return null;
            }
        }
        catch (Exception e) when (e is ArgumentException or CalendarDataMissingException)
        {
            // A year the calendar has no data for, or a 29 February in a common year: no date to show.
            return null;
        }
    }

    private static DateOnly? Fixed(Dictionary<string, JsonElement> inputs, string name, int year, OfficialCalendar calendar) =>
        inputs.TryGetValue(name, out var value) && value.ValueKind == JsonValueKind.String && DeadlineRule.TryParse(value.GetString(), out var rule)
            && rule is FixedDateRule or LastDayOfMonthRule
            ? rule.Resolve(new DeadlineContext(year), calendar).DueDate
            : null;

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
