using System.Text.Json;
using System.Text.Json.Nodes;
using Reduction.Domain.Calendar;
using Reduction.Workflows.Definitions;

namespace Reduction.Server.Workflows;

/// <summary>`GET /api/workflows/{id}/diff?from=N&amp;to=M`: what changed from version N to M (0 is the draft), the
/// designer's layout left out.</summary>
public sealed record VersionDiffView(
    int From,
    int To,
    bool HasChanges,
    IReadOnlyList<PropertyChange> Fields,
    IReadOnlyList<ActivitySummary> Added,
    IReadOnlyList<ActivitySummary> Removed,
    IReadOnlyList<ChangedActivity> Changed,
    IReadOnlyList<Connection> AddedConnections,
    IReadOnlyList<Connection> RemovedConnections,
    IReadOnlyList<string> AddedVariables,
    IReadOnlyList<string> RemovedVariables,
    IReadOnlyList<string> ChangedVariables,
    IReadOnlyList<TriggerDefinition> AddedTriggers,
    IReadOnlyList<TriggerDefinition> RemovedTriggers)
{
    /// <param name="dates">With a cycle year and the calendar, deadline properties also carry their dates.</param>
    public static VersionDiffView Compare(int from, WorkflowDefinition before, int to, WorkflowDefinition after, (int Year, OfficialCalendar Calendar)? dates = null)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var diff = DefinitionDiff.Compare(before, after);
        var fields = diff.ChangedFields.Select(name => name switch
        {
            "id" => new PropertyChange(name, before.Id, after.Id),
            "name" => new PropertyChange(name, before.Name, after.Name),
            _ => new PropertyChange(name, before.Description, after.Description),
        }).ToList();
        var changed = diff.ChangedActivities.Where(c => !c.LayoutOnly).Select(c => Detail(c, Find(before, c.Id), Find(after, c.Id), dates)).ToList();
        return new VersionDiffView(
            from,
            to,
            diff.ChangesMoreThanLayout,
            fields,
            diff.AddedActivities.Select(id => Summary(Find(after, id))).ToList(),
            diff.RemovedActivities.Select(id => Summary(Find(before, id))).ToList(),
            changed,
            diff.AddedConnections,
            diff.RemovedConnections,
            diff.AddedVariables,
            diff.RemovedVariables,
            diff.ChangedVariables,
            diff.AddedTriggers,
            diff.RemovedTriggers);
    }

    /// <summary>The first activity with the id, as the diff matches them; a draft may hold null entries.</summary>
    private static ActivityNode Find(WorkflowDefinition definition, string id) =>
        (definition.Activities ?? []).First(a => a is not null && string.Equals(a.Id, id, StringComparison.Ordinal));

    private static ActivitySummary Summary(ActivityNode node) => new(node.Id, node.Type, node.DisplayName);

    private static ChangedActivity Detail(ActivityChange change, ActivityNode before, ActivityNode after, (int Year, OfficialCalendar Calendar)? dates)
    {
        var properties = new List<PropertyChange>();
        if (change.PreviousType is not null)
        {
            properties.Add(new PropertyChange("type", before.Type, after.Type));
        }

        if (change.DisplayNameChanged)
        {
            properties.Add(new PropertyChange("displayName", before.DisplayName, after.DisplayName));
        }

        foreach (var name in change.ChangedInputs)
        {
            properties.Add(dates is var (year, calendar)
                ? new PropertyChange(name, Input(before, name), Input(after, name), DeadlineDates.Of(before, name, year, calendar), DeadlineDates.Of(after, name, year, calendar))
                : new PropertyChange(name, Input(before, name), Input(after, name)));
        }

        return new ChangedActivity(change.Id, change.Type, change.PreviousType, properties);
    }

    private static JsonNode? Input(ActivityNode node, string name) =>
        node.Inputs is { } inputs && inputs.TryGetValue(name, out var value) && value.ValueKind is not JsonValueKind.Null and not JsonValueKind.Undefined
            ? JsonNode.Parse(value.GetRawText())
            : null;
}
