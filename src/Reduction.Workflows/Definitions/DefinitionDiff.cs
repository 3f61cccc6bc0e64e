using System.Text.Json;
using System.Text.Json.Nodes;

namespace Reduction.Workflows.Definitions;

/// <summary>What changed between two versions of a definition: header fields, activities (added, removed, changed
/// with the names of changed inputs), connections, variables and triggers. Lists follow the definitions' order.</summary>
public sealed record DefinitionDiff(
    IReadOnlyList<string> ChangedFields,
    IReadOnlyList<string> AddedActivities,
    IReadOnlyList<string> RemovedActivities,
    IReadOnlyList<ActivityChange> ChangedActivities,
    IReadOnlyList<Connection> AddedConnections,
    IReadOnlyList<Connection> RemovedConnections,
    IReadOnlyList<string> AddedVariables,
    IReadOnlyList<string> RemovedVariables,
    IReadOnlyList<string> ChangedVariables,
    IReadOnlyList<TriggerDefinition> AddedTriggers,
    IReadOnlyList<TriggerDefinition> RemovedTriggers)
{
    /// <summary>True when the two versions are the same apart from their version numbers.</summary>
    public bool IsEmpty =>
        ChangedFields.Count == 0 && AddedActivities.Count == 0 && RemovedActivities.Count == 0 && ChangedActivities.Count == 0
        && AddedConnections.Count == 0 && RemovedConnections.Count == 0 && AddedVariables.Count == 0 && RemovedVariables.Count == 0
        && ChangedVariables.Count == 0 && AddedTriggers.Count == 0 && RemovedTriggers.Count == 0;

    /// <summary>True when something but the designer's layout (node positions) differs.</summary>
    public bool ChangesMoreThanLayout => !(this with { ChangedActivities = [.. ChangedActivities.Where(c => !c.LayoutOnly)] }).IsEmpty;

    /// <summary>Compares <paramref name="before"/> with <paramref name="after"/>; activities and variables are matched by
    /// id and name, connections and triggers by value (a trigger whose cron changed shows as removed and added).</summary>
    public static DefinitionDiff Compare(WorkflowDefinition before, WorkflowDefinition after)
    {
        var fields = new List<string>();
        if (!string.Equals(before.Id, after.Id, StringComparison.Ordinal))
        {
            fields.Add("id");
        }

        if (!string.Equals(before.Name, after.Name, StringComparison.Ordinal))
        {
            fields.Add("name");
        }

        if (!string.Equals(before.Description, after.Description, StringComparison.Ordinal))
        {
            fields.Add("description");
        }

        var oldActivities = ById(before.Activities);
        var newActivities = ById(after.Activities);
        var changed = new List<ActivityChange>();
        foreach (var (id, node) in newActivities)
        {
            if (oldActivities.TryGetValue(id, out var old) && CompareActivity(old, node) is { } change)
            {
                changed.Add(change);
            }
        }

        var oldVariables = ByName(before.Variables);
        var newVariables = ByName(after.Variables);
        return new DefinitionDiff(
            fields,
            newActivities.Keys.Where(id => !oldActivities.ContainsKey(id)).ToList(),
            oldActivities.Keys.Where(id => !newActivities.ContainsKey(id)).ToList(),
            changed,
            Except(after.Connections, before.Connections),
            Except(before.Connections, after.Connections),
            newVariables.Keys.Where(n => !oldVariables.ContainsKey(n)).ToList(),
            oldVariables.Keys.Where(n => !newVariables.ContainsKey(n)).ToList(),
            newVariables.Where(v => oldVariables.TryGetValue(v.Key, out var old) && !SameJson(old, v.Value)).Select(v => v.Key).ToList(),
            Unmatched(after.Triggers, before.Triggers),
            Unmatched(before.Triggers, after.Triggers));
    }

    private static ActivityChange? CompareActivity(ActivityNode before, ActivityNode after)
    {
        var oldInputs = Present(before.Inputs);
        var newInputs = Present(after.Inputs);
        var inputs = oldInputs.Keys.Union(newInputs.Keys, StringComparer.Ordinal)
            .Where(name => !(oldInputs.TryGetValue(name, out var a) && newInputs.TryGetValue(name, out var b) && JsonElement.DeepEquals(a, b)))
            .Order(StringComparer.Ordinal)
            .ToList();
        var typeChanged = !string.Equals(before.Type, after.Type, StringComparison.Ordinal);
        var displayNameChanged = !string.Equals(before.DisplayName, after.DisplayName, StringComparison.Ordinal);
        var positionChanged = before.Position != after.Position;
        return typeChanged || inputs.Count > 0 || displayNameChanged || positionChanged
            ? new ActivityChange(after.Id, after.Type, typeChanged ? before.Type : null, inputs, displayNameChanged, positionChanged)
            : null;
    }

    /// <summary>Inputs with a value: an explicit null binds like an absent input, so it is no change.</summary>
    private static Dictionary<string, JsonElement> Present(Dictionary<string, JsonElement>? inputs) =>
        (inputs ?? []).Where(i => i.Value.ValueKind is not JsonValueKind.Null and not JsonValueKind.Undefined)
            .ToDictionary(i => i.Key, i => i.Value, StringComparer.Ordinal);

    // First occurrence wins, as in validation; ordered dictionaries keep the definitions' order for the report.
    private static OrderedDictionary<string, ActivityNode> ById(List<ActivityNode>? activities)
    {
        var result = new OrderedDictionary<string, ActivityNode>(StringComparer.Ordinal);
        foreach (var node in activities ?? [])
        {
            if (node?.Id is { } id)
            {
                result.TryAdd(id, node);
            }
        }

        return result;
    }

    private static OrderedDictionary<string, VariableDefinition> ByName(List<VariableDefinition>? variables)
    {
        var result = new OrderedDictionary<string, VariableDefinition>(StringComparer.Ordinal);
        foreach (var variable in variables ?? [])
        {
            if (variable?.Name is { } name)
            {
                result.TryAdd(name, variable);
            }
        }

        return result;
    }

    private static List<Connection> Except(List<Connection>? these, List<Connection>? those)
    {
        var other = (those ?? []).Where(c => c is not null).ToHashSet();
        return (these ?? []).Where(c => c is not null && !other.Contains(c)).Distinct().ToList();
    }

    /// <summary>Items of <paramref name="these"/> with no equal partner left in <paramref name="those"/> (a multiset difference).</summary>
    private static List<TriggerDefinition> Unmatched(List<TriggerDefinition>? these, List<TriggerDefinition>? those)
    {
        var partners = (those ?? []).Where(t => t is not null).Select(ToNode).ToList();
        var result = new List<TriggerDefinition>();
        foreach (var trigger in (these ?? []).Where(t => t is not null))
        {
            var node = ToNode(trigger);
            var match = partners.FindIndex(p => JsonNode.DeepEquals(p, node));
            if (match >= 0)
            {
                partners.RemoveAt(match);
            }
            else
            {
                result.Add(trigger);
            }
        }

        return result;
    }

    private static bool SameJson<T>(T a, T b) => JsonNode.DeepEquals(ToNode(a), ToNode(b));

    private static JsonNode? ToNode<T>(T value) => JsonSerializer.SerializeToNode(value, DefinitionJson.Options);
}
