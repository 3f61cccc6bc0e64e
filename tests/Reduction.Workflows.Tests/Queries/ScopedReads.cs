using System.Text.Json.Nodes;
using Reduction.Domain.Parties;
using Reduction.Workflows.Persistence;
using Reduction.Workflows.Queries;
using Reduction.Workflows.Tests.Support;

namespace Reduction.Workflows.Tests.Queries;

/// <summary>A small cycle run by the real engine for the read side's tests: 拉萨市 and 日喀则市 each get an annual-plan
/// instance (due in a day) and an assessment-data instance (due in a month); the DRC a review; 拉萨市 answers its
/// data with an attachment; each prefecture has a sanction on record.</summary>
internal sealed class ScopedReads
{
    private const string Plan = """
        {
          "id": "scoped-plan", "name": "年度计划", "variables": [{ "name": "year", "default": 2015 }, { "name": "prefecture" }],
          "activities": [
            { "id": "start", "type": "Start" },
            { "id": "plan", "type": "IssueTask", "inputs": {
                "taskKind": "annual-plan", "title": "年度计划（{{ assignee_name }}）", "assignees": "[prefecture]", "due": "days:+1" } }
          ],
          "connections": [ { "from": "start", "outcome": "done", "to": "plan" } ]
        }
        """;

    private const string Data = """
        {
          "id": "scoped-data", "name": "考核数据", "variables": [{ "name": "year", "default": 2015 }, { "name": "prefecture" }],
          "activities": [
            { "id": "start", "type": "Start" },
            { "id": "data", "type": "IssueTask", "inputs": {
                "taskKind": "assessment-data", "title": "考核数据（{{ assignee_name }}）", "assignees": "[prefecture]", "due": "days:+30" } }
          ],
          "connections": [ { "from": "start", "outcome": "done", "to": "data" } ]
        }
        """;

    private const string Review = """
        {
          "id": "scoped-review", "name": "复核", "variables": [{ "name": "year", "default": 2015 }],
          "activities": [
            { "id": "start", "type": "Start" },
            { "id": "review", "type": "IssueTask", "inputs": {
                "taskKind": "department-review", "title": "复核（{{ assignee_name }}）", "assignees": "['drc']", "due": "days:+30" } }
          ],
          "connections": [ { "from": "start", "outcome": "done", "to": "review" } ]
        }
        """;

    private ScopedReads(VirtualWorkflowHost host) => Host = host;

    public VirtualWorkflowHost Host { get; }

    public Guid LhasaPlanInstance { get; private set; }

    public Guid ShigatsePlanInstance { get; private set; }

    public Guid LhasaDataInstance { get; private set; }

    public Guid ShigatseDataInstance { get; private set; }

    public Guid ReviewInstance { get; private set; }

    public TaskRecord LhasaPlan { get; private set; } = null!;

    public TaskRecord ShigatsePlan { get; private set; } = null!;

    public TaskRecord LhasaData { get; private set; } = null!;

    public TaskRecord ShigatseData { get; private set; } = null!;

    public TaskRecord DrcReview { get; private set; } = null!;

    public TaskQueries Tasks => new(Host.Database);

    public InstanceQueries Instances => new(Host.Database);

    public NoticeQueries Notices => new(Host.Database);

    public SanctionQueries Sanctions => new(Host.Database);

    public static PartyScope Scope(string partyId) => PartyScope.Of(PartyDirectory.LoadDefault().GetById(partyId));

    public static async Task<ScopedReads> CreateAsync(VirtualWorkflowHost host)
    {
        var reads = new ScopedReads(host);
        foreach (var json in new[] { Plan, Data, Review })
        {
            await host.PublishJsonAsync(json);
        }

        reads.LhasaPlanInstance = await StartAsync(host, "scoped-plan", "lhasa");
        reads.ShigatsePlanInstance = await StartAsync(host, "scoped-plan", "shigatse");
        reads.LhasaDataInstance = await StartAsync(host, "scoped-data", "lhasa");
        reads.ShigatseDataInstance = await StartAsync(host, "scoped-data", "shigatse");
        reads.ReviewInstance = (await host.Runtime.StartAsync("scoped-review")).InstanceId;
        await host.Scheduler.RunPendingAsync();

        reads.LhasaPlan = Assert.Single(await host.TasksAsync(reads.LhasaPlanInstance));
        reads.ShigatsePlan = Assert.Single(await host.TasksAsync(reads.ShigatsePlanInstance));
        reads.LhasaData = Assert.Single(await host.TasksAsync(reads.LhasaDataInstance));
        reads.ShigatseData = Assert.Single(await host.TasksAsync(reads.ShigatseDataInstance));
        reads.DrcReview = Assert.Single(await host.TasksAsync(reads.ReviewInstance));

        var answer = VirtualWorkflowHost.Json("""
            { "emissions": { "cod": 1.5 },
              "attachments": [ { "name": "监测报告.pdf", "size": 3, "sha256": "abc", "contentType": "application/pdf" } ] }
            """);
        Assert.Equal(Workflows.Tasks.TaskActionResult.Accepted, await host.Tasks.CompleteAsync(reads.LhasaData.Id, answer, "拉萨市填报人"));
        Assert.Equal(Workflows.Tasks.TaskActionResult.Accepted, await host.Tasks.CompleteAsync(reads.ShigatseData.Id, VirtualWorkflowHost.Json("""{ "emissions": { "cod": 2.5 } }"""), "日喀则市填报人"));
        await host.Scheduler.RunPendingAsync();

        await using var db = host.Database.CreateContext();
        foreach (var prefecture in new[] { "lhasa", "shigatse" })
        {
            db.Sanctions.Add(new SanctionRecord
            {
                Id = Guid.CreateVersion7(),
                IdempotencyKey = $"scoped:{prefecture}:{Guid.NewGuid():N}",
                PrefectureId = prefecture,
                Kind = "eia-suspension",
                AssessedYear = 2014,
                StartsOn = new DateOnly(2015, 4, 28),
                Basis = "一票否决",
                CreatedAt = host.Runtime.UtcNow(),
            });
        }

        await db.SaveChangesAsync();
        return reads;
    }

    private static async Task<Guid> StartAsync(VirtualWorkflowHost host, string definitionId, string prefecture) =>
        (await host.Runtime.StartAsync(definitionId, new JsonObject { ["prefecture"] = prefecture })).InstanceId;
}
