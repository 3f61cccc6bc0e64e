using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Reduction.Server.Tests.Support;
using Reduction.Testing;
using Reduction.Workflows.Persistence;
using Xunit.Abstractions;

namespace Reduction.Server.Tests.Resilience;

/// <summary>Many people answering at once, over real HTTP to the server process: one answer wins, the others are
/// told it is already done (never a 500), and the instance stays consistent.</summary>
public sealed class ConcurrentCompletionTests(PostgresServer postgres, ITestOutputHelper output)
    : ServerDrill(postgres, output), IClassFixture<PostgresServer>
{
    private static readonly string[] Prefectures = ["lhasa", "shigatse", "chamdo", "nyingchi", "shannan", "nagqu", "ngari"];

    protected override string[] Definitions => [Drills.Answer];

    [Fact]
    public async Task CompleteTask_HundredParallelCallsOnOneTask_OneAcceptedNinetyNineAlreadyCompleted()
    {
        var server = NewServer("concurrency");
        await server.StartAsync();
        using var admin = new AdminClient(server.BaseAddress);
        var instanceId = await admin.StartReliablyAsync("answer-drill", new JsonObject { ["year"] = 2026, ["parties"] = new JsonArray("lhasa") }, "one-task", TimeSpan.FromSeconds(30));
        var taskId = Assert.Single(await TasksAsync(admin, instanceId));

        using var go = new ManualResetEventSlim();
        var calls = Enumerable.Range(0, 100).Select(i => Task.Run(async () =>
        {
            go.Wait();
            using var response = await admin.CompleteAsync(taskId, new JsonObject { ["summary"] = $"第 {i} 次点击" }, $"clicker-{i}");
            return (response.StatusCode, Body: await response.Content.ReadAsStringAsync());
        })).ToList();
        go.Set();
        var answers = await Task.WhenAll(calls);

        Output.WriteLine(string.Join(", ", answers.GroupBy(a => a.StatusCode).Select(g => $"{(int)g.Key}×{g.Count()}")));
        Assert.Single(answers, a => a.StatusCode == HttpStatusCode.OK);
        Assert.Equal(99, answers.Count(a => a.StatusCode == HttpStatusCode.Conflict));
        Assert.All(answers.Where(a => a.StatusCode == HttpStatusCode.Conflict),
            a => Assert.Equal("""{"result":"alreadyCompleted","message":"该任务已提交，无需重复提交"}""", a.Body));

        await CompletedAsync(admin, instanceId);
        await using var db = Database.Context();
        var task = db.Tasks.Single(t => t.Id == taskId);
        Assert.Equal(TaskState.Submitted, task.Status);
        Assert.Equal(1, task.Revisions);
        Assert.Single(db.TaskSubmissions.Where(s => s.TaskId == taskId));
        Assert.Single(db.Journal.Where(j => j.InstanceId == instanceId && j.Event == "task-submitted"));
        Assert.Single(db.Journal.Where(j => j.InstanceId == instanceId && j.Event == "completed"));
        Assert.Equal(3, db.Notices.Count(n => n.InstanceId == instanceId && n.TemplateKey != DrillChecks.AlertTemplate)); // issued, receipt, done
    }

    [Fact]
    public async Task CompleteTask_ParallelCallsOnEveryTaskOfOneInstance_AllAcceptedThenAllAlreadyCompleted()
    {
        var server = NewServer("countersign");
        await server.StartAsync();
        using var admin = new AdminClient(server.BaseAddress);
        var instanceId = await admin.StartReliablyAsync("answer-drill",
            new JsonObject { ["year"] = 2026, ["parties"] = new JsonArray([.. Prefectures.Select(p => (JsonNode)p)]) }, "seven-tasks", TimeSpan.FromSeconds(30));
        var tasks = await TasksAsync(admin, instanceId);
        Assert.Equal(Prefectures.Length, tasks.Count);

        var first = await Task.WhenAll(tasks.Select(async t =>
        {
            using var response = await admin.CompleteAsync(t, new JsonObject { ["summary"] = t.ToString() });
            return response.StatusCode;
        }));
        var second = await Task.WhenAll(tasks.Select(async t =>
        {
            using var response = await admin.CompleteAsync(t);
            return response.StatusCode;
        }));

        Assert.All(first, s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.All(second, s => Assert.Equal(HttpStatusCode.Conflict, s));
        var details = await CompletedAsync(admin, instanceId);
        Assert.Equal(Prefectures.Order(), details["variables"]!["answers"]!.AsObject().Select(a => a.Key).Order());
        await using var db = Database.Context();
        Assert.Equal(Prefectures.Length, db.TaskSubmissions.Count(s => tasks.Contains(s.TaskId)));
        Assert.Equal(Prefectures.Length, db.Journal.Count(j => j.InstanceId == instanceId && j.Event == "task-submitted"));
    }

    private static async Task<List<Guid>> TasksAsync(AdminClient admin, Guid instanceId)
    {
        var tasks = (await admin.Http.GetFromJsonAsync<JsonArray>($"/api/tasks?instance={instanceId}"))!;
        return tasks.Select(t => Guid.Parse(t!["id"]!.GetValue<string>())).ToList();
    }

    private static Task<JsonObject> CompletedAsync(AdminClient admin, Guid instanceId) =>
        Eventually.ReturnsAsync(async () =>
        {
            var details = (JsonObject)await admin.GetJsonAsync($"/api/instances/{instanceId}");
            return details["instance"]!["status"]!.GetValue<string>() == "Completed" ? details : null;
        }, TimeSpan.FromSeconds(30), $"completion of {instanceId}");
}
