using System.Text.Json;
using System.Text.Json.Nodes;
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
    public static VersionDiffView Compare(int from, WorkflowDefinition before, int to, WorkflowDefinition after)
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
        var changed = diff.ChangedActivities.Where(c => !c.LayoutOnly).Select(c => Detail(c, before.FindActivity(c.Id)!, after.FindActivity(c.Id)!)).ToList();
        var view = new VersionDiffView(
            from,
            to,
            false,
            fields,
            diff.AddedActivities.Select(id => Summary(after.FindActivity(id)!)).ToList(),
            diff.RemovedActivities.Select(id => Summary(before.FindActivity(id)!)).ToList(),
            changed,
            diff.AddedConnections,
            diff.RemovedConnections,
            diff.AddedVariables,
            diff.RemovedVariables,
            diff.ChangedVariables,
            diff.AddedTriggers,
            diff.RemovedTriggers);
        return view with
        {
            HasChanges = fields.Count > 0 || view.Added.Count > 0 || view.Removed.Count > 0 || changed.Count > 0 || diff.AddedConnections.Count > 0
                || diff.RemovedConnections.Count > 0 || diff.AddedVariables.Count > 0 || diff.RemovedVariables.Count > 0 || diff.ChangedVariables.Count > 0
                || diff.AddedTriggers.Count > 0 || diff.RemovedTriggers.Count > 0,
        };
    }

    private static ActivitySummary Summary(ActivityNode node) => new(node.Id, node.Type, node.DisplayName);

    private static ChangedActivity Detail(ActivityChange change, ActivityNode before, ActivityNode after)
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
            properties.Add(new PropertyChange(name, Input(before, name), Input(after, name)));
        }

        return new ChangedActivity(change.Id, change.Type, change.PreviousType, properties);
    }

    private static JsonNode? Input(ActivityNode node, string name) =>
        node.Inputs is { } inputs && inputs.TryGetValue(name, out var value) && value.ValueKind is not JsonValueKind.Null and not JsonValueKind.Undefined
            ? JsonNode.Parse(value.GetRawText())
            : null;
}
