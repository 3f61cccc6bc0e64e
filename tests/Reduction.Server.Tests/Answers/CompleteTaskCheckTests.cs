using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Reduction.Workflows.Persistence;
using Reduction.Workflows.Tasks;

namespace Reduction.Server.Tests.Answers;

/// <summary>`POST /api/tasks/{id}/complete` checks an answer as the task page does: what the page stored for one task
/// is accepted for a fresh task of the same kind, and is stored as it was; an answer the page could not have made is
/// refused with the form's field errors and stores nothing.</summary>
[Collection(AnswerCollection.Name)]
public sealed class CompleteTaskCheckTests(AnswerFixture fixture)
{
    /// <summary>One single-task workflow per decision and report kind (`api-{kind}`).</summary>
    public static IEnumerable<string> Definitions =>
    [
        Single("plan-review", "epb"),
        Single("government-approval", "government"),
        Single("re-verification", "epb"),
        Single("self-check", "epb"),
    ];

    public static TheoryData<string> Kinds => new() { "annual-plan", "assessment-data", "department-review", "plan-review", "government-approval", "re-verification", "self-check" };

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Complete_AnswerThePageStored_AcceptedAndStoredAsThePageWould(string kind)
    {
        var stored = await PageAnswerAsync(kind);
        var fresh = await FreshTaskAsync(kind);
        using var admin = fixture.Admin();

        using var response = await admin.PostAsJsonAsync($"/api/tasks/{fresh.Id}/complete", new JsonObject { ["data"] = stored.DeepClone(), ["by"] = "接口测试" });

        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var submission = Assert.Single(await fixture.SubmissionsAsync(fresh.Id));
        Assert.True(JsonNode.DeepEquals(stored, JsonNode.Parse(submission.DataJson)), $"{stored.ToJsonString()}\n{submission.DataJson}");
    }

    [Theory]
    [InlineData("annual-plan", """{"summary": "garbage"}""", "planned.COD", "请填写化学需氧量（COD）计划排放量")]
    [InlineData("assessment-data", """{"summary": "garbage"}""", "pollutants.COD.industrial", "请填写工业源排放量")]
    [InlineData("department-review", """{"decision": "maybe"}""", "decision", "请从列表中选择复核意见")]
    [InlineData("plan-review", """{"decision": "return"}""", "comments", "请填写退回理由和修改要求")]
    [InlineData("government-approval", """{"summary": "garbage"}""", "decision", "请选择意见")]
    [InlineData("re-verification", """{"decision": "fixed", "fixedOn": "2015-06-01"}""", "fixedOn", "任务页面的表单没有这一项")]
    [InlineData("self-check", """{"plan": "garbage"}""", "summary", "请填写报告内容")]
    [InlineData("self-check", """{"summary": 42}""", "summary", "应为 \"42\"（任务页面按此格式保存）")]
    public async Task Complete_AnswerThePageCouldNotMake_400WithTheFieldErrorAndNothingStored(string kind, string data, string field, string message)
    {
        var task = await FreshTaskAsync(kind);
        using var admin = fixture.Admin();

        using var response = await admin.PostAsJsonAsync($"/api/tasks/{task.Id}/complete", new JsonObject { ["data"] = JsonNode.Parse(data) });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.StartsWith("答复无效：", body["message"]!.GetValue<string>(), StringComparison.Ordinal);
        var errors = body["errors"]!.AsArray().Select(e => (Field: e!["field"]!.GetValue<string>(), Message: e["message"]!.GetValue<string>())).ToList();
        Assert.Contains((field, message), errors);
        Assert.Contains($"{field}：{message}", body["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Empty(await fixture.SubmissionsAsync(task.Id));
        // Still unanswered: open, or overdue once its (long past) due timer has fired meanwhile.
        var status = (await fixture.TaskAsync(task.Id))!.Status;
        Assert.True(status is TaskState.Open or TaskState.Overdue, $"task {status} after a refused answer");
    }

    [Fact]
    public async Task Complete_DataTaskHandedOverToTheEpb_CheckedAsThePrefecturesCase()
    {
        var task = await FreshTaskAsync("assessment-data");
        var tasks = fixture.Services.GetRequiredService<TaskService>();
        Assert.Equal(TaskActionResult.Accepted, await tasks.ReassignAsync(task.Id, "epb", "接口测试"));
        var stored = await PageAnswerAsync("assessment-data");
        stored.Remove("submissionKey");
        using var admin = fixture.Admin();

        using var response = await admin.PostAsJsonAsync($"/api/tasks/{task.Id}/complete", new JsonObject { ["data"] = stored, ["by"] = "区环境保护厅代填" });

        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        Assert.Single(await fixture.SubmissionsAsync(task.Id));
    }

    [Fact]
    public async Task Complete_AttachmentsWithoutTheirFiles_400()
    {
        var task = await FreshTaskAsync("self-check");
        using var admin = fixture.Admin();
        var data = new JsonObject { ["summary"] = "自查报告", ["attachments"] = new JsonArray(new JsonObject { ["name"] = "a.pdf" }) };

        using var response = await admin.PostAsJsonAsync($"/api/tasks/{task.Id}/complete", new JsonObject { ["data"] = data });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("attachments：附件只能在任务页面上传", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(await fixture.SubmissionsAsync(task.Id));
    }

    /// <summary>Answers a fresh task of <paramref name="kind"/> on its page and returns the answer as stored.</summary>
    private async Task<JsonObject> PageAnswerAsync(string kind)
    {
        var task = await FreshTaskAsync(kind);
        var token = await fixture.TokenAsync(task.Id);
        using var browser = fixture.Browser();
        var open = await AnswerPage.GetAsync(browser, $"/t/{token}");
        var receipt = await open.PostAsync(browser, $"/t/{token}", PageFields(kind));
        Assert.True(receipt.Status == HttpStatusCode.OK && receipt.Html.Contains("<h1>回执</h1>", StringComparison.Ordinal), receipt.Html);
        return JsonNode.Parse(Assert.Single(await fixture.SubmissionsAsync(task.Id)).DataJson)!.AsObject();
    }

    private static Dictionary<string, string> PageFields(string kind)
    {
        var fields = kind switch
        {
            "annual-plan" => SampleAnswers.AnnualPlan(),
            "assessment-data" => AssessmentDataPageTests.Answer(),
            "department-review" => new Dictionary<string, string>
            {
                ["decision"] = "disagree",
                ["opinion"] = "现场核查：拉萨市自动监控数据应传输条数有误",
                ["corrections[0].prefecture"] = "lhasa",
                ["corrections[0].item"] = "monitoring.transmission.due",
                ["corrections[0].value"] = "9500",
            },
            "plan-review" => new Dictionary<string, string> { ["decision"] = "return", ["comments"] = "请将措施分解到企业" },
            "government-approval" => new Dictionary<string, string> { ["decision"] = "approve" },
            "re-verification" => new Dictionary<string, string> { ["decision"] = "notFixed", ["comments"] = "脱硝设施尚未投运" },
            _ => new Dictionary<string, string> { ["summary"] = "2014年度减排工作自查报告" },
        };
        fields.TryAdd("contact.name", "王芳");
        return fields;
    }

    private async Task<TaskRecord> FreshTaskAsync(string kind)
    {
        var lhasa = new JsonObject { ["id"] = "lhasa", ["name"] = "拉萨市" };
        var (_, tasks) = kind switch
        {
            "annual-plan" => await fixture.StartAsync("annual-plan", new JsonObject { ["year"] = 2015, ["item"] = lhasa }),
            "assessment-data" => await fixture.StartAsync("page-data", new JsonObject { ["year"] = 2015, ["item"] = lhasa }),
            "department-review" => await fixture.StartAsync("page-countersign"),
            _ => await fixture.StartAsync($"api-{kind}"),
        };
        return tasks.First(t => t.Kind == kind);
    }

    private static string Single(string kind, string assignee) => $$"""
        {
          "id": "api-{{kind}}",
          "name": "接口答复检查（{{AnswerDefinitions.Label(kind)}}）",
          "variables": [{ "name": "year", "type": "number", "default": 2015 }],
          "triggers": [{ "kind": "manual" }],
          "activities": [
            { "id": "start", "type": "Start" },
            { "id": "task", "type": "IssueTask", "inputs": {
                "taskKind": "{{kind}}",
                "title": "接口答复检查",
                "assignees": "['{{assignee}}']",
                "due": "day:12-31",
                "receiptTemplate": "",
                "outputVariable": "answer" } },
            { "id": "end", "type": "End" }
          ],
          "connections": [
            { "from": "start", "outcome": "done", "to": "task" },
            { "from": "task", "outcome": "submitted", "to": "end" }
          ]
        }
        """;
}
