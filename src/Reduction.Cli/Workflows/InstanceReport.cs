using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Reduction.Domain.Parties;
using Reduction.Workflows.Persistence;
using Reduction.Workflows.Queries;

namespace Reduction.Cli.Workflows;

/// <summary>Everything `show` prints about one instance: status, definition, variables, tasks, pending timers,
/// incident and journal.</summary>
internal sealed class InstanceReport
{
    private static readonly string[] TaskHeaders = ["任务标识", "承办单位", "类型", "标题", "期限（北京时间）", "状态"];
    private static readonly string[] TimerHeaders = ["用途", "到期（北京时间）", "任务标识", "备注"];
    private static readonly string[] JournalHeaders = ["时间（北京时间）", "活动", "事件", "说明"];

    private InstanceReport(
        InstanceInfo instance,
        string definitionName,
        JsonObject variables,
        IReadOnlyList<TaskInfo> tasks,
        IReadOnlyList<TimerRecord> timers,
        IReadOnlyList<JournalLine> journal,
        PartyDirectory parties,
        DateTimeOffset loadedAt)
    {
        Instance = instance;
        DefinitionName = definitionName;
        Variables = variables;
        Tasks = tasks;
        Timers = timers;
        Journal = journal;
        Parties = parties;
        LoadedAt = loadedAt;
    }

    public InstanceInfo Instance { get; }

    public string DefinitionName { get; }

    public JsonObject Variables { get; }

    public IReadOnlyList<TaskInfo> Tasks { get; }

    /// <summary>Pending timers, soonest first.</summary>
    public IReadOnlyList<TimerRecord> Timers { get; }

    public IReadOnlyList<JournalLine> Journal { get; }

    /// <summary>When the report was read: timers due before it wait for a server to fire them.</summary>
    public DateTimeOffset LoadedAt { get; }

    private PartyDirectory Parties { get; }

    /// <summary>The report, or null when no instance has the id.</summary>
    public static async Task<InstanceReport?> LoadAsync(WorkflowStore store, Guid instanceId, CancellationToken cancellationToken = default)
    {
        var loadedAt = store.Runtime.Time.GetUtcNow();
        var detail = await store.Instances.GetAsync(PartyScope.Everything, instanceId, cancellationToken);
        if (detail is null)
        {
            return null;
        }

        var instance = detail.Instance;

        var definition = await store.Runtime.Definitions.GetDefinitionAsync(instance.DefinitionId, instance.DefinitionVersion, cancellationToken);
        var tasks = await store.TaskQueries.ListAsync(PartyScope.Everything, new TaskFilter(InstanceId: instanceId), cancellationToken);
        List<TimerRecord> timers;
        await using (var db = store.Database.CreateContext())
        {
            timers = await db.Timers.AsNoTracking()
                .Where(t => t.InstanceId == instanceId && t.Status == TimerStatus.Pending)
                .OrderBy(t => t.DueAt)
                .ToListAsync(cancellationToken);
        }

        return new InstanceReport(instance, definition.Name, detail.Variables, tasks, timers, detail.Journal, store.Parties, loadedAt);
    }

    public void WriteText(TextWriter output)
    {
        var instance = Instance;
        output.WriteLine($"实例    {instance.Id}");
        output.WriteLine($"流程    {instance.DefinitionId} 版本 {instance.DefinitionVersion}（{DefinitionName}）");
        output.WriteLine($"状态    {DisplayText.Label(instance.Status)}");
        output.WriteLine($"关联键  {instance.CorrelationKey ?? DisplayText.None}");
        if (instance.ParentInstanceId is { } parent)
        {
            output.WriteLine($"父实例  {parent}");
        }

        output.WriteLine($"启动于  {DisplayText.Time(instance.CreatedAt)}");
        output.WriteLine($"更新于  {DisplayText.Time(instance.UpdatedAt)}");
        if (instance.FinishedAt is { } finished)
        {
            output.WriteLine($"结束于  {DisplayText.Time(finished)}");
        }

        output.WriteLine();
        output.WriteLine("变量");
        if (Variables.Count == 0)
        {
            output.WriteLine($"  {DisplayText.None}");
        }

        foreach (var (name, value) in Variables)
        {
            output.WriteLine($"  {name} = {value?.ToJsonString(DisplayText.CompactJsonOptions) ?? "null"}");
        }

        output.WriteLine();
        output.WriteLine("任务");
        if (Tasks.Count == 0)
        {
            output.WriteLine($"  {DisplayText.None}");
        }
        else
        {
            TextTable.Write(output, TaskHeaders, Tasks.Select(t => (IReadOnlyList<string>)
            [
                t.Id.ToString(),
                DisplayText.PartyName(Parties, t.AssigneePartyId, t.DueAt),
                t.Kind,
                t.Title,
                DisplayText.Time(t.DueAt),
                DisplayText.Label(t.Status) + (t.SubmittedLate ? "（逾期）" : string.Empty),
            ]), "  ");
        }

        output.WriteLine();
        output.WriteLine("待触发的定时器");
        if (Timers.Count == 0)
        {
            output.WriteLine($"  {DisplayText.None}");
        }
        else
        {
            TextTable.Write(output, TimerHeaders, Timers.Select(t => (IReadOnlyList<string>)
            [
                $"{t.Purpose}（{DisplayText.PurposeLabel(t.Purpose)}）",
                DisplayText.Time(t.DueAt),
                t.TaskId?.ToString() ?? string.Empty,
                t.DueAt <= LoadedAt ? "已到期，待服务器触发" : string.Empty,
            ]), "  ");
        }

        if (instance.Incident is { } incident)
        {
            output.WriteLine();
            output.WriteLine("故障");
            foreach (var line in incident.ReplaceLineEndings("\n").Split('\n'))
            {
                output.WriteLine($"  {line}");
            }
        }

        output.WriteLine();
        output.WriteLine("日志");
        TextTable.Write(output, JournalHeaders, Journal.Select(j => (IReadOnlyList<string>)
        [
            DisplayText.Time(j.At),
            j.ActivityId ?? string.Empty,
            j.Event,
            j.Message.ReplaceLineEndings(" "),
        ]), "  ");
    }

    public JsonObject ToJson()
    {
        var json = InstancesCommand.ToJson(Instance);
        json["definitionName"] = DefinitionName;
        json["incident"] = Instance.Incident;
        json["variables"] = Variables.DeepClone();
        json["tasks"] = new JsonArray(Tasks.Select(t => (JsonNode)TasksCommand.ToJson(t, Parties)).ToArray());
        json["timers"] = new JsonArray(Timers.Select(t => (JsonNode)new JsonObject
        {
            ["id"] = t.Id.ToString(),
            ["purpose"] = t.Purpose,
            ["dueAt"] = DisplayText.Iso(t.DueAt),
            ["taskId"] = t.TaskId?.ToString(),
        }).ToArray());
        json["journal"] = new JsonArray(Journal.Select(j => (JsonNode)new JsonObject
        {
            ["at"] = DisplayText.Iso(j.At),
            ["activityId"] = j.ActivityId,
            ["event"] = j.Event,
            ["message"] = j.Message,
            ["data"] = j.Data?.DeepClone(),
        }).ToArray());
        return json;
    }
}
