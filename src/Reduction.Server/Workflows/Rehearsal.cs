using System.Globalization;
using Reduction.Domain.Calendar;
using Reduction.Workflows.Definitions;
using Reduction.Workflows.Execution;
using Reduction.Workflows.Simulation;

namespace Reduction.Server.Workflows;

/// <summary>Rehearses a draft: simulates the cycle year twice on the real engine (a throw-away database each), once
/// with the published versions and once with the draft in place of its definition's version, and compares them.</summary>
public static class Rehearsal
{
    public static async Task<RehearsalResponse> RunAsync(WorkflowRuntime runtime, WorkflowDefinition draft, int year, SimulationScenario scenario, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        ArgumentNullException.ThrowIfNull(draft);
        var published = await PublishedFolderAsync(runtime, cancellationToken);
        var rehearsed = await PublishedFolderAsync(runtime, cancellationToken, except: draft.Id);
        try
        {
            await File.WriteAllTextAsync(Path.Combine(rehearsed, $"{Guid.NewGuid():N}.json"), DefinitionJson.Serialize(draft), cancellationToken);
            var simulator = new CycleSimulator(runtime.Parties, runtime.Calendar);
            var before = await Isolated(() => simulator.RunAsync(year, scenario, published, cancellationToken));
            var after = await Isolated(() => simulator.RunAsync(year, scenario, rehearsed, cancellationToken));
            return new RehearsalResponse(
                after.Year,
                after.CycleStatus.ToLowerInvariant(),
                after.Events.Select(RehearsalEvent.From).ToList(),
                after.Results,
                after.Sanctions,
                Compare(before.Events, after.Events));
        }
        finally
        {
            Directory.Delete(published, recursive: true);
            Directory.Delete(rehearsed, recursive: true);
        }
    }

    /// <summary>A new temporary folder with the latest published version of every definition (but
    /// <paramref name="except"/>), as the simulator reads them; the caller deletes it.</summary>
    public static async Task<string> PublishedFolderAsync(WorkflowRuntime runtime, CancellationToken cancellationToken, string? except = null)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        var folder = Directory.CreateTempSubdirectory("reduction-rehearsal-").FullName;
        foreach (var record in await runtime.Definitions.ListDefinitionsAsync(cancellationToken))
        {
            if (record.DefinitionId != except)
            {
                await File.WriteAllTextAsync(Path.Combine(folder, $"{Guid.NewGuid():N}.json"), record.Json, cancellationToken);
            }
        }

        return folder;
    }

    /// <summary>Runs without the request's execution context: the request's open audit scope must not write its entry
    /// into a throw-away simulation database (it is written to the application's after the answer).</summary>
    public static Task<T> Isolated<T>(Func<Task<T>> simulation)
    {
        using (ExecutionContext.SuppressFlow())
        {
            return Task.Run(simulation);
        }
    }

    /// <summary>Pairs events by kind, notice, task and party, in time order within each such key, and lists those whose
    /// instants differ or that have no partner.</summary>
    public static IReadOnlyList<RehearsalDifference> Compare(IReadOnlyList<SimulationEvent> before, IReadOnlyList<SimulationEvent> after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var old = before.GroupBy(Key).ToDictionary(g => g.Key, g => g.OrderBy(e => e.At).ToList());
        var differences = new List<RehearsalDifference>();
        foreach (var group in after.GroupBy(Key))
        {
            var previous = old.Remove(group.Key, out var list) ? list : [];
            var current = group.OrderBy(e => e.At).ToList();
            for (var i = 0; i < Math.Max(previous.Count, current.Count); i++)
            {
                var was = i < previous.Count ? previous[i] : null;
                var now = i < current.Count ? current[i] : null;
                if (was?.At != now?.At)
                {
                    differences.Add(Difference(group.Key, was?.At, now?.At));
                }
            }
        }

        foreach (var (key, list) in old)
        {
            differences.AddRange(list.Select(e => Difference(key, e.At, null)));
        }

        return differences.OrderBy(d => d.After ?? d.Before).ToList();
    }

    private static (string Kind, string? Notice, string? Task, string? Party) Key(SimulationEvent e) => (e.Kind, e.Notice, e.Task, e.Party);

    private static RehearsalDifference Difference((string Kind, string? Notice, string? Task, string? Party) key, DateTimeOffset? before, DateTimeOffset? after)
    {
        var what = string.Join(' ', new[] { Label(key.Kind, key.Notice), key.Party, key.Task is { } task ? Reduction.Workflows.Tasks.TaskKinds.DisplayName(task) : null }.Where(p => !string.IsNullOrEmpty(p)));
        var text = $"{what}：{Day(before)} → {Day(after)}";
        return new RehearsalDifference(key.Kind, key.Notice, key.Task, key.Party, before, after, text);
    }

    /// <summary>The Chinese name of a timeline event, for the designer's rehearsal table.</summary>
    public static string EventName(string kind, string? notice) => Label(kind, notice);

    private static string Label(string kind, string? notice) => (kind, notice) switch
    {
        ("notice", "reminder") => "提醒",
        ("notice", "overdue") => "逾期通知",
        ("notice", "escalation") => "督办",
        ("notice", { } template) => $"通知（{template}）",
        ("task-issued", _) => "下达任务",
        ("task-submitted", _) => "提交",
        ("task-overdue", _) => "逾期",
        ("escalation", _) => "督办",
        _ => kind,
    };

    private static string Day(DateTimeOffset? instant) => instant is { } at
        ? BeijingTime.ToBeijing(at).ToString("M月d日", CultureInfo.InvariantCulture)
        : "无";
}
