using System.Text.Json;
using Reduction.Workflows.Activities;
using Reduction.Workflows.Definitions;

namespace Reduction.Server.Workflows.Design;

/// <summary>
/// The definition a designer edits, with its undo history. The definition is the truth; the canvas is drawn from it
/// and reports edits back here, so what is saved is always a definition the validator and the runtime read. Each
/// edit records the state before it (as JSON) for undo; a move records one step per drag, not per pointer event.
/// </summary>
public sealed class DesignerDocument
{
    private const int HistoryLimit = 200;
    private readonly LinkedList<string> _undo = new();
    private readonly Stack<string> _redo = new();

    public DesignerDocument(WorkflowDefinition definition, ActivityRegistry registry)
    {
        Registry = registry;
        Definition = Clone(definition);
    }

    public ActivityRegistry Registry { get; }

    public WorkflowDefinition Definition { get; private set; }

    public bool CanUndo => _undo.Count > 0;

    public bool CanRedo => _redo.Count > 0;

    /// <summary>Bumped on every change; the page saves when it differs from the saved revision.</summary>
    public int Revision { get; private set; }

    /// <summary>Records the current state so the next change can be undone.</summary>
    public void Checkpoint()
    {
        _undo.AddLast(Serialize(Definition));
        if (_undo.Count > HistoryLimit)
        {
            _undo.RemoveFirst();
        }

        _redo.Clear();
    }

    /// <summary>Marks a change made after <see cref="Checkpoint"/>.</summary>
    public void Touch() => Revision++;

    public bool Undo()
    {
        if (_undo.Last is not { } last)
        {
            return false;
        }

        _redo.Push(Serialize(Definition));
        _undo.RemoveLast();
        Definition = DefinitionJson.Parse(last.Value, Definition.Id);
        Revision++;
        return true;
    }

    public bool Redo()
    {
        if (!_redo.TryPop(out var next))
        {
            return false;
        }

        _undo.AddLast(Serialize(Definition));
        Definition = DefinitionJson.Parse(next, Definition.Id);
        Revision++;
        return true;
    }

    /// <summary>Replaces the whole definition (a reload after a conflict, a rollback to an old version).</summary>
    public void Replace(WorkflowDefinition definition, bool keepHistory)
    {
        if (keepHistory)
        {
            Checkpoint();
        }
        else
        {
            _undo.Clear();
            _redo.Clear();
        }

        Definition = Clone(definition);
        Revision++;
    }

    public ActivityNode? Find(string id) => Definition.FindActivity(id);

    public IReadOnlyList<string> OutcomesOf(ActivityNode node) => Registry.OutcomesOf(node);

    /// <summary>Adds an activity of <paramref name="type"/> with the registry's defaults for its required inputs left
    /// empty (the problems list then says what to fill in).</summary>
    public ActivityNode Add(string type, DesignerPosition position)
    {
        var descriptor = Registry.Find(type) ?? throw new ArgumentException($"未知的活动类型“{type}”。", nameof(type));
        Checkpoint();
        var node = new ActivityNode { Id = NewId(type), Type = descriptor.Type, Position = position };
        Definition.Activities.Add(node);
        Touch();
        return node;
    }

    public void Remove(IReadOnlyCollection<string> activityIds)
    {
        if (activityIds.Count == 0)
        {
            return;
        }

        Checkpoint();
        Definition.Activities.RemoveAll(a => activityIds.Contains(a.Id));
        Definition.Connections.RemoveAll(c => activityIds.Contains(c.From) || activityIds.Contains(c.To));
        Touch();
    }

    /// <summary>Connects an outcome to an activity; an outcome leads to one activity, so an earlier target is
    /// replaced. Returns false when nothing changed.</summary>
    public bool Connect(string from, string outcome, string to)
    {
        var existing = Definition.Connections.FindIndex(c => c.From == from && c.Outcome == outcome);
        if (existing >= 0 && Definition.Connections[existing].To == to)
        {
            return false;
        }

        Checkpoint();
        if (existing >= 0)
        {
            Definition.Connections.RemoveAt(existing);
        }

        Definition.Connections.Add(new Connection(from, outcome, to));
        Touch();
        return true;
    }

    public bool Disconnect(string from, string outcome)
    {
        if (!Definition.Connections.Exists(c => c.From == from && c.Outcome == outcome))
        {
            return false;
        }

        Checkpoint();
        Definition.Connections.RemoveAll(c => c.From == from && c.Outcome == outcome);
        Touch();
        return true;
    }

    /// <summary>A layout change: recorded for undo, but never part of a version (the store ignores positions).</summary>
    public void Move(IReadOnlyDictionary<string, DesignerPosition> positions)
    {
        var changed = positions.Where(p => Find(p.Key) is { } node && node.Position != p.Value).ToArray();
        if (changed.Length == 0)
        {
            return;
        }

        Checkpoint();
        foreach (var (id, position) in changed)
        {
            Find(id)!.Position = position;
        }

        Touch();
    }

    /// <summary>Sets (or, for null, removes) one input of an activity.</summary>
    public void SetInput(string activityId, string input, JsonElement? value)
    {
        if (Find(activityId) is not { } node)
        {
            return;
        }

        var had = node.Inputs.TryGetValue(input, out var old);
        if (value is null ? !had : had && JsonElement.DeepEquals(old, value.Value))
        {
            return;
        }

        Checkpoint();
        if (value is { } v)
        {
            node.Inputs[input] = v.Clone();
        }
        else
        {
            node.Inputs.Remove(input);
        }

        // Dynamic outcomes (a fork's branches, a switch's cases) may have gone: their connections go with them.
        var outcomes = OutcomesOf(node);
        Definition.Connections.RemoveAll(c => c.From == node.Id && !outcomes.Contains(c.Outcome));
        Touch();
    }

    public void SetDisplayName(string activityId, string? name)
    {
        if (Find(activityId) is not { } node || node.DisplayName == name)
        {
            return;
        }

        Checkpoint();
        node.DisplayName = string.IsNullOrWhiteSpace(name) ? null : name.Trim();
        Touch();
    }

    /// <summary>Renames an activity and the connections that name it. Returns a Chinese reason when refused.</summary>
    public string? Rename(string activityId, string newId)
    {
        newId = newId.Trim();
        if (newId == activityId)
        {
            return null;
        }

        if (!ActivityIds.IsValid(newId))
        {
            return "活动标识只能由字母、数字、连字符和下划线组成，以字母开头，最长 64 个字符。";
        }

        if (Find(newId) is not null)
        {
            return $"已有标识为“{newId}”的活动。";
        }

        if (Find(activityId) is not { } node)
        {
            return null;
        }

        Checkpoint();
        node.Id = newId;
        for (var i = 0; i < Definition.Connections.Count; i++)
        {
            var c = Definition.Connections[i];
            if (c.From == activityId || c.To == activityId)
            {
                Definition.Connections[i] = c with { From = c.From == activityId ? newId : c.From, To = c.To == activityId ? newId : c.To };
            }
        }

        Touch();
        return null;
    }

    /// <summary>The selected activities and the connections among them, as a clipboard text (JSON) that another
    /// designer, of this or another definition, can paste.</summary>
    public string Copy(IReadOnlyCollection<string> activityIds)
    {
        var clip = new DesignerClip(
            Definition.Activities.Where(a => activityIds.Contains(a.Id)).ToList(),
            Definition.Connections.Where(c => activityIds.Contains(c.From) && activityIds.Contains(c.To)).ToList());
        return JsonSerializer.Serialize(clip, DefinitionJson.Options);
    }

    /// <summary>Adds a copy of the clipboard's activities (new ids where taken, moved by an offset, unknown types
    /// dropped) and returns the new ids.</summary>
    public IReadOnlyList<string> Paste(string clipboard, double dx = 40, double dy = 40)
    {
        DesignerClip? clip;
        try
        {
            clip = JsonSerializer.Deserialize<DesignerClip>(clipboard, DefinitionJson.Options);
        }
        catch (JsonException)
        {
            return [];
        }

        var nodes = clip?.Activities?.Where(a => a?.Type is not null && Registry.Find(a.Type) is not null && a.Id is not null).ToList() ?? [];
        if (nodes.Count == 0)
        {
            return [];
        }

        Checkpoint();
        var renamed = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var node in nodes)
        {
            var id = Find(node.Id) is null && !renamed.ContainsValue(node.Id) ? node.Id : NewId(node.Type, renamed.Values);
            renamed[node.Id] = id;
            var position = node.Position ?? new DesignerPosition(0, 0);
            Definition.Activities.Add(new ActivityNode
            {
                Id = id,
                Type = node.Type,
                DisplayName = node.DisplayName,
                Inputs = node.Inputs.ToDictionary(i => i.Key, i => i.Value.Clone()),
                Position = new DesignerPosition(position.X + dx, position.Y + dy),
            });
        }

        foreach (var c in clip!.Connections ?? [])
        {
            if (c is not null && renamed.TryGetValue(c.From, out var from) && renamed.TryGetValue(c.To, out var to))
            {
                Definition.Connections.Add(new Connection(from, c.Outcome, to));
            }
        }

        Touch();
        return [.. renamed.Values];
    }

    /// <summary>Places every activity in columns by its distance from the start (a layered layout), for definitions
    /// written without positions or after an import.</summary>
    public void AutoLayout()
    {
        Checkpoint();
        foreach (var (id, position) in DesignerLayout.Layered(Definition))
        {
            Find(id)!.Position = position;
        }

        Touch();
    }

    /// <summary>Whether any activity lacks a position (then the designer lays the definition out on opening).</summary>
    public bool NeedsLayout => Definition.Activities.Any(a => a.Position is null)
        || (Definition.Activities.Count > 1 && Definition.Activities.Select(a => a.Position).Distinct().Count() == 1);

    public static WorkflowDefinition Clone(WorkflowDefinition definition) => DefinitionJson.Clone(definition);

    private static string Serialize(WorkflowDefinition definition) => DefinitionJson.Serialize(definition);

    private string NewId(string type, IEnumerable<string>? alsoTaken = null)
    {
        var taken = new HashSet<string>(Definition.Activities.Select(a => a.Id), StringComparer.Ordinal);
        taken.UnionWith(alsoTaken ?? []);
        var stem = char.ToLowerInvariant(type[0]) + type[1..];
        for (var n = 1; ; n++)
        {
            var id = $"{stem}{n}";
            if (!taken.Contains(id))
            {
                return id;
            }
        }
    }
}
