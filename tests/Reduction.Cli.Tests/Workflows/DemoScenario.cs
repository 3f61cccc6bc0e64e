using System.Text.Json;
using Reduction.Cli.Tests.Assess;

namespace Reduction.Cli.Tests.Workflows;

/// <summary>The shipped demo from publishing to completion, the same on SQLite and PostgreSQL: publish, start, list,
/// show, complete the task, show again, publish a changed copy, versions and diff, and the error exits.</summary>
internal static class DemoScenario
{
    public const string DefinitionId = "demo-task-escalation";

    /// <summary>An annual plan as the task page stores it (the demo's task is an annual-plan task of 2015).</summary>
    public const string PlanAnswer = """
        {"summary": "拉萨市2015年度减排计划",
         "measures": [{"level": "county", "unit": "城关区人民政府", "measure": "污水管网改造"},
                      {"level": "department", "unit": "拉萨市住房和城乡建设局", "measure": "污水处理厂提标"},
                      {"level": "enterprise", "unit": "拉萨水泥厂", "measure": "窑炉脱硝改造"}],
         "plannedEmissions": [{"code": "COD", "tonnes": 10120.5}, {"code": "NH3-N", "tonnes": 890}, {"code": "SO2", "tonnes": 4700}, {"code": "NOx", "tonnes": 6950}],
         "keyProjects": []}
        """;

    public static string DemoFile => Path.Combine(CliRun.RepositoryRoot(), "workflows", "demo-task-escalation.json");

    public static void Run(WorkflowCli cli)
    {
        // Publish, twice: the second publish changes nothing.
        Assert.Equal($"{DefinitionId} v1  已发布：演示：年度减排计划的提醒与逐级督办\n", cli.Ok("publish", DemoFile));
        Assert.Equal($"{DefinitionId} v1  未变化：与已发布的最新版本相同\n", cli.Ok("publish", DemoFile));

        // Start, twice with the same key: one instance.
        var started = cli.Run("start", DefinitionId, "--key", "demo:2015", "--input", """{"year": 2015}""");
        Assert.Equal(0, started.ExitCode);
        var instanceId = started.FirstToken;
        Assert.True(Guid.TryParse(instanceId, out _), started.Output);
        Assert.Equal($"{instanceId}  已启动\n", started.Output);
        Assert.Equal($"{instanceId}  已存在：关联键“demo:2015”已有实例，未再启动\n", cli.Ok("start", DefinitionId, "--key", "demo:2015"));

        // List.
        var table = cli.Ok("instances");
        Assert.Matches($@"\n{instanceId}  {DefinitionId}  1 +运行中  demo:2015  \d{{4}}-\d\d-\d\d \d\d:\d\d:\d\d", table);
        Assert.EndsWith("共 1 个实例。\n", table, StringComparison.Ordinal);
        using (var running = JsonDocument.Parse(cli.Ok("instances", "--definition", DefinitionId, "--status", "running", "--format", "json")))
        {
            var only = Assert.Single(running.RootElement.EnumerateArray());
            Assert.Equal(instanceId, only.GetProperty("id").GetString());
            Assert.Equal("running", only.GetProperty("status").GetString());
            Assert.EndsWith("+08:00", only.GetProperty("createdAt").GetString(), StringComparison.Ordinal);
        }

        Assert.Equal("[]\n", cli.Ok("instances", "--status", "completed", "--format", "json"));

        // Show: the task to Lhasa, due 15 March 2015 23:59:59 Beijing time, its due and escalation timers, the journal.
        var shown = cli.Ok("show", instanceId);
        Assert.Contains("状态    运行中\n", shown, StringComparison.Ordinal);
        Assert.Contains($"流程    {DefinitionId} 版本 1（演示：年度减排计划的提醒与逐级督办）\n", shown, StringComparison.Ordinal);
        Assert.Contains("  year = 2015\n", shown, StringComparison.Ordinal);
        Assert.Contains("  prefecture = \"lhasa\"\n", shown, StringComparison.Ordinal);
        Assert.Matches(@"  [0-9a-f-]{36}  拉萨市    annual-plan  2015年度主要污染物总量减排计划（拉萨市）  2015-03-15 23:59:59  待办\n", shown);
        Assert.Matches(@"  due（到期）         2015-03-16 00:00:00  [0-9a-f-]{36}  已到期，待服务器触发\n", shown);
        Assert.Matches(@"  escalation（督办）  2015-03-20 09:00:00  [0-9a-f-]{36}  已到期，待服务器触发\n", shown);
        Assert.Matches(@"  \d{4}-\d\d-\d\d \d\d:\d\d:\d\d  plan +task-issued +向拉萨市下达任务“2015年度主要污染物总量减排计划（拉萨市）”，期限 2015-03-15T23:59:59\+08:00\n", shown);

        // The task, from the task list.
        string taskId;
        using (var tasks = JsonDocument.Parse(cli.Ok("tasks", "--instance", instanceId, "--format", "json")))
        {
            var task = Assert.Single(tasks.RootElement.EnumerateArray());
            taskId = task.GetProperty("id").GetString()!;
            Assert.Equal("open", task.GetProperty("status").GetString());
            Assert.Equal("lhasa", task.GetProperty("partyId").GetString());
            Assert.Equal("拉萨市", task.GetProperty("partyName").GetString());
            Assert.Equal("2015-03-15T23:59:59+08:00", task.GetProperty("dueAt").GetString());
        }

        Assert.Contains(taskId, cli.Ok("tasks", "--party", "拉萨市"), StringComparison.Ordinal);
        Assert.Equal("没有符合条件的任务。\n", cli.Ok("tasks", "--party", "日喀则市"));

        // An answer the task page could not have made: exit 2 with the form's field errors, nothing stored.
        var refused = cli.Rejected("complete-task", taskId, "--data", """{"plan": "拉萨市2015年度减排计划"}""", "--by", "拉萨市环保局");
        Assert.StartsWith("答复无效：summary：请填写计划概述；", refused, StringComparison.Ordinal);
        Assert.Contains("planned.COD：请填写化学需氧量（COD）计划排放量", refused, StringComparison.Ordinal);
        Assert.Contains(" / invalid answer, nothing submitted (fields: summary, ", refused, StringComparison.Ordinal);
        Assert.Contains("状态    运行中\n", cli.Ok("show", instanceId), StringComparison.Ordinal);

        // Complete it: accepted once, then already completed (exit 1, nothing changed).
        Assert.Equal("已受理\n", cli.Ok("complete-task", taskId, "--data", PlanAnswer, "--by", "拉萨市环保局"));
        var again = cli.Run("complete-task", taskId, "--data", "{}", "--by", "拉萨市环保局");
        Assert.Equal((1, "已完成过\n", string.Empty), (again.ExitCode, again.Output, again.Error));

        // Show again: completed, the answer in the variables, no pending timers, the submission in the journal.
        var finished = cli.Ok("show", instanceId);
        Assert.Contains("状态    已完成\n", finished, StringComparison.Ordinal);
        Assert.Contains("  plans = {\"lhasa\":{\"summary\":\"拉萨市2015年度减排计划\",\"measures\":[", finished, StringComparison.Ordinal);
        Assert.Contains("已提交（逾期）\n", finished, StringComparison.Ordinal);
        Assert.Contains("待触发的定时器\n  （无）\n", finished, StringComparison.Ordinal);
        Assert.Matches(@"  plan +task-submitted +任务“2015年度主要污染物总量减排计划（拉萨市）”已由拉萨市提交（逾期提交）\n", finished);
        Assert.Contains(" completed ", finished, StringComparison.Ordinal);
        using (var json = JsonDocument.Parse(cli.Ok("show", instanceId, "--format", "json")))
        {
            var root = json.RootElement;
            Assert.Equal("completed", root.GetProperty("status").GetString());
            Assert.Equal(JsonValueKind.String, root.GetProperty("finishedAt").ValueKind);
            Assert.Equal("submitted", root.GetProperty("tasks")[0].GetProperty("status").GetString());
            Assert.True(root.GetProperty("tasks")[0].GetProperty("submittedLate").GetBoolean());
            Assert.Empty(root.GetProperty("timers").EnumerateArray());
            var events = root.GetProperty("journal").EnumerateArray().Select(j => j.GetProperty("event").GetString()).ToList();
            Assert.Equal("started", events[0]);
            Assert.Contains("task-issued", events);
            Assert.Contains("task-submitted", events);
            Assert.Equal("completed", events[^1]);
        }

        // A changed copy: new deadline and name, one reminder fewer.
        var changed = cli.WriteFile("demo-changed.json", File.ReadAllText(DemoFile)
            .Replace("\"due\": \"day:03-15\"", "\"due\": \"day:03-20\"", StringComparison.Ordinal)
            .Replace("\"name\": \"演示：年度减排计划的提醒与逐级督办\"", "\"name\": \"演示：年度减排计划（3月20日前）\"", StringComparison.Ordinal));
        Assert.Equal($"{DefinitionId} v2  已发布：演示：年度减排计划（3月20日前）\n", cli.Ok("publish", changed));

        var versions = cli.Ok("versions", DefinitionId).Split('\n');
        Assert.Equal(5, versions.Length);
        Assert.Matches(@"^版本  发布时间（北京时间）  名称 +备注$", versions[0]);
        Assert.Matches(@"^2     \d{4}-\d\d-\d\d \d\d:\d\d:\d\d   演示：年度减排计划（3月20日前） +最新$", versions[2]);
        Assert.Matches(@"^1     \d{4}-\d\d-\d\d \d\d:\d\d:\d\d   演示：年度减排计划的提醒与逐级督办$", versions[3]);

        Assert.Equal(
            $"""
            --- {DefinitionId} 版本 1
            +++ {DefinitionId} 版本 2
            ~ name：“演示：年度减排计划的提醒与逐级督办” → “演示：年度减排计划（3月20日前）”
            ~ 活动 plan（IssueTask）：输入 due

            """,
            cli.Ok("diff", DefinitionId, "--from", "1", "--to", "2"));
        using (var diff = JsonDocument.Parse(cli.Ok("diff", DefinitionId, "--from", "1", "--format", "json")))
        {
            Assert.Equal(["due"], diff.RootElement.GetProperty("changedActivities")[0].GetProperty("changedInputs").EnumerateArray().Select(i => i.GetString()));
        }

        // The running instance stays on version 1; a new one starts on version 2.
        var second = cli.Run("start", DefinitionId).FirstToken;
        Assert.Contains($"流程    {DefinitionId} 版本 2", cli.Ok("show", second), StringComparison.Ordinal);
        Assert.Contains($"流程    {DefinitionId} 版本 1", cli.Ok("show", instanceId), StringComparison.Ordinal);

        // Unknown ids: exit 2, zh-CN and English on stderr, nothing on stdout.
        var unknown = Guid.NewGuid().ToString();
        Assert.Equal($"未找到实例“{unknown}” / no instance {unknown}\n", cli.Rejected("show", unknown));
        Assert.Equal($"未找到任务“{unknown}” / no task {unknown}\n", cli.Rejected("complete-task", unknown, "--data", "{}"));
        Assert.Equal($"未找到实例“{unknown}” / no instance {unknown}\n", cli.Rejected("cancel", unknown));
        Assert.Equal($"未找到实例“{unknown}” / no instance {unknown}\n", cli.Rejected("tasks", "--instance", unknown));
        Assert.Equal("流程“no-such-workflow”尚未发布 / workflow 'no-such-workflow' is not published\n", cli.Rejected("start", "no-such-workflow"));
        Assert.Equal($"流程“{DefinitionId}”没有版本 9 / workflow '{DefinitionId}' has no version 9\n", cli.Rejected("diff", DefinitionId, "--from", "9"));
        Assert.Equal("流程“no-such-workflow”没有已存储的版本 / workflow 'no-such-workflow' has no stored versions\n", cli.Rejected("versions", "no-such-workflow"));
    }
}
