using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Reduction.Identity.Accounts;

namespace Reduction.Server.Tests.Operations;

/// <summary>The task actions' contract on the real server (PostgreSQL, the real Hangfire server): 200 with the task as
/// it reads back, 400 with a Chinese message for a request that cannot be carried out, 403 without the operator role,
/// 404 outside the caller's scope, 409 for a closed task, 429 for a second urge the same working day; each audited.</summary>
public sealed class TaskActionsApiTests(ActionsServer server) : IClassFixture<ActionsServer>
{
    [Fact]
    public async Task Extend_ByRuleAndByInstant_AnswersTheTaskWithRecomputedDueAtRemindersAndEscalations()
    {
        var (operatorUser, api, tasks) = await StartAsync();
        var lhasa = tasks["lhasa"];
        var before = await TaskAsync(api, lhasa);
        Assert.Equal("2026-12-15T23:59:59+08:00", before["dueAt"]!.GetValue<string>());
        Assert.Equal(["2026-12-10T09:00:00+08:00"], Instants(before["reminders"]!));
        Assert.Equal(["pending"], before["reminders"]!.AsArray().Select(r => r!["state"]!.GetValue<string>()));

        using var extended = await api.PostAsJsonAsync($"/api/tasks/{lhasa}/extend", new { rule = "workdays:+5", reason = "雪灾交通中断" });
        Assert.Equal(HttpStatusCode.OK, extended.StatusCode);
        var body = (await extended.Content.ReadFromJsonAsync<JsonObject>())!;
        // Tuesday 15 December + 5 working days = Tuesday 22nd; three working days before it is Thursday 17th.
        Assert.Equal("2026-12-22T23:59:59+08:00", body["dueAt"]!.GetValue<string>());
        Assert.Equal(["2026-12-17T09:00:00+08:00"], Instants(body["reminders"]!));
        Assert.Equal(["2026-12-23T00:00:00+08:00"], Instants(body["escalations"]!));
        Assert.Equal("已延期，提醒和督办已按新期限重新计算", body["message"]!.GetValue<string>());
        Assert.True(JsonNode.DeepEquals(body["reminders"], (await TaskAsync(api, lhasa))["reminders"]));

        using var byInstant = await api.PostAsJsonAsync($"/api/tasks/{lhasa}/extend", new { due = "2026-12-28T23:59:59+08:00", rule = (string?)null, reason = "再延一周" });
        Assert.Equal(HttpStatusCode.OK, byInstant.StatusCode);
        Assert.Equal("2026-12-28T23:59:59+08:00", (await byInstant.Content.ReadFromJsonAsync<JsonObject>())!["dueAt"]!.GetValue<string>());
        Assert.Contains(await server.AuditAsync(operatorUser, "POST /api/tasks/{id}/extend"), e => e.Outcome == "success" && e.TargetId == lhasa);

        // Requests that cannot be carried out: a message in Chinese, nothing changed.
        await AssertMessageAsync(await api.PostAsJsonAsync($"/api/tasks/{lhasa}/extend", new { rule = "workdays:+5" }), HttpStatusCode.BadRequest, "请填写原因");
        await AssertMessageAsync(await api.PostAsJsonAsync($"/api/tasks/{lhasa}/extend", new { rule = "next-week", reason = "乱写" }), HttpStatusCode.BadRequest, "无法识别");
        await AssertMessageAsync(await api.PostAsJsonAsync($"/api/tasks/{lhasa}/extend", new { due = "2020-01-01", reason = "过去" }), HttpStatusCode.BadRequest, "新期限无法计算或已过");
        await AssertMessageAsync(await api.PostAsJsonAsync($"/api/tasks/{lhasa}/extend", new { due = "明天", reason = "格式" }), HttpStatusCode.BadRequest, "新期限格式不正确");
        await AssertMessageAsync(await api.PostAsJsonAsync($"/api/tasks/{lhasa}/extend", new { due = "2026-12-30", reason = new string('长', 501) }), HttpStatusCode.BadRequest, "原因不能超过 500 字");
        using (var malformed = await api.PostAsync(new Uri($"/api/tasks/{lhasa}/extend", UriKind.Relative), new StringContent("{\"reason\": ", Encoding.UTF8, "application/json")))
        {
            Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        }

        Assert.Equal("2026-12-28T23:59:59+08:00", (await TaskAsync(api, lhasa))["dueAt"]!.GetValue<string>());
    }

    [Fact]
    public async Task Urge_TwiceTheSameWorkingDay_SecondAnswers429_ReassignCancelThen409_RoleAndScope()
    {
        var (_, api, tasks) = await StartAsync();
        var shigatse = tasks["shigatse"];
        using (var urged = await api.PostAsJsonAsync($"/api/tasks/{shigatse}/urge", new { reason = "请尽快报送" }))
        {
            Assert.Equal(HttpStatusCode.OK, urged.StatusCode);
        }

        await AssertMessageAsync(await api.PostAsJsonAsync($"/api/tasks/{shigatse}/urge", new { reason = "再催" }), (HttpStatusCode)429, "今天已催办过");

        var lhasa = tasks["lhasa"];
        await AssertMessageAsync(await api.PostAsJsonAsync($"/api/tasks/{lhasa}/reassign", new { party = "北京市", reason = "没有此单位" }), HttpStatusCode.BadRequest, "没有单位");
        await AssertMessageAsync(await api.PostAsJsonAsync($"/api/tasks/{lhasa}/reassign", new { party = "supervision", reason = "角色不同" }), HttpStatusCode.BadRequest, "只能转办给同类单位");
        using (var reassigned = await api.PostAsJsonAsync($"/api/tasks/{lhasa}/reassign", new { party = "林芝市", reason = "机构调整" }))
        {
            Assert.Equal(HttpStatusCode.OK, reassigned.StatusCode);
            Assert.Equal("nyingchi", (await reassigned.Content.ReadFromJsonAsync<JsonObject>())!["task"]!["assigneePartyId"]!.GetValue<string>());
        }

        using (var cancelled = await api.PostAsJsonAsync($"/api/tasks/{shigatse}/cancel", new { reason = "不再需要" }))
        {
            Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
            Assert.Equal("Cancelled", (await cancelled.Content.ReadFromJsonAsync<JsonObject>())!["task"]!["status"]!.ToString(), ignoreCase: true);
        }

        await AssertMessageAsync(await api.PostAsJsonAsync($"/api/tasks/{shigatse}/urge", new { reason = "已撤销" }), HttpStatusCode.Conflict, "已办结或已撤销");
        await AssertMessageAsync(await api.PostAsJsonAsync($"/api/tasks/{shigatse}/extend", new { rule = "days:+3", reason = "已撤销" }), HttpStatusCode.Conflict, "已办结或已撤销");
        await AssertMessageAsync(await api.PostAsJsonAsync($"/api/tasks/{shigatse}/return", new { due = "2026-12-30", reason = "已撤销" }), HttpStatusCode.Conflict, "已办结或已撤销");
        await AssertMessageAsync(await api.PostAsJsonAsync($"/api/tasks/{Guid.NewGuid()}/urge", new { reason = "没有此任务" }), HttpStatusCode.NotFound, "任务不存在");

        // A prefecture member may read its own task but not act on it; nor may an operator's API forget the role.
        var member = await server.AddAccountAsync("member", "nyingchi", [AccountRoles.Member]);
        using var memberApi = await server.ApiAsync(member);
        using (var read = await memberApi.GetAsync(new Uri($"/api/tasks/{lhasa}", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        }

        using (var refused = await memberApi.PostAsJsonAsync($"/api/tasks/{lhasa}/urge", new { reason = "自己催自己" }))
        {
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        }
    }

    [Fact]
    public async Task Reassign_ToANamedContactOfTheParty_StaysWithThePartyNoticeToThatAddressOnly_OtherContactsRefused()
    {
        var (operatorUser, api, tasks) = await StartAsync();
        var shigatse = tasks["shigatse"];
        await AssertMessageAsync(await api.PostAsJsonAsync($"/api/tasks/{shigatse}/reassign", new { contact = "someone@elsewhere.example.com", reason = "不是本单位" }), HttpStatusCode.BadRequest, "不是该任务承办单位登记的联系人");
        await AssertMessageAsync(await api.PostAsJsonAsync($"/api/tasks/{shigatse}/reassign", new { contact = "jianpai@lasa.example.gov.cn", reason = "别的单位的联系人" }), HttpStatusCode.BadRequest, "不是该任务承办单位登记的联系人");
        await AssertMessageAsync(await api.PostAsJsonAsync($"/api/tasks/{shigatse}/reassign", new { contact = "jianpai@rikaze.example.gov.cn", party = "lhasa", reason = "两个都给" }), HttpStatusCode.BadRequest, "之一");
        await AssertMessageAsync(await api.PostAsJsonAsync($"/api/tasks/{Guid.NewGuid()}/reassign", new { contact = "jianpai@rikaze.example.gov.cn", reason = "没有此任务" }), HttpStatusCode.NotFound, "任务不存在");

        using (var reassigned = await api.PostAsJsonAsync($"/api/tasks/{shigatse}/reassign", new { contact = "日喀则市环境保护局减排办", reason = "交减排办办理" }))
        {
            Assert.Equal(HttpStatusCode.OK, reassigned.StatusCode);
            var body = (await reassigned.Content.ReadFromJsonAsync<JsonObject>())!;
            Assert.Equal("shigatse", body["task"]!["assigneePartyId"]!.GetValue<string>());
            Assert.StartsWith("已转办给日喀则市环境保护局减排办（jianpai@rikaze.example.gov.cn）", body["message"]!.GetValue<string>(), StringComparison.Ordinal);
        }

        await using (var db = server.Workflows.CreateContext())
        {
            var issued = db.Notices.Where(n => n.TaskId == Guid.Parse(shigatse)).ToList().Where(n => n.ModelJson.Contains("recipient_contact", StringComparison.Ordinal)).ToList();
            Assert.Contains("jianpai@rikaze.example.gov.cn", Assert.Single(issued).ModelJson, StringComparison.Ordinal);
            Assert.Contains(db.Journal.Where(j => j.Event == "task-reassigned").ToList(), j => j.Message.Contains("转办给 日喀则市环境保护局减排办", StringComparison.Ordinal));
        }

        Assert.Contains(await server.AuditAsync(operatorUser, "POST /api/tasks/{id}/reassign"), e => e.Outcome == "success" && e.TargetId == shigatse);
    }

    [Fact]
    public async Task Return_ASubmittedAnswerOfACountersign_OpenAgainWithTheNewDueDate_OnceClosed409()
    {
        var (_, api, tasks) = await StartAsync();
        var lhasa = tasks["lhasa"];
        using (var submitted = await api.PostAsJsonAsync($"/api/tasks/{lhasa}/complete", new { data = new { summary = "自查报告初稿" }, by = "拉萨市" }))
        {
            Assert.Equal(HttpStatusCode.OK, submitted.StatusCode);
        }

        await AssertMessageAsync(await api.PostAsJsonAsync($"/api/tasks/{lhasa}/return", new { reason = "缺日期" }), HttpStatusCode.BadRequest, "请填写重新报送的期限");
        using (var returned = await api.PostAsJsonAsync($"/api/tasks/{lhasa}/return", new { due = "2026-12-24", reason = "请补充重点工程进展" }))
        {
            Assert.Equal(HttpStatusCode.OK, returned.StatusCode);
            var body = (await returned.Content.ReadFromJsonAsync<JsonObject>())!;
            Assert.Equal("2026-12-24T23:59:59+08:00", body["dueAt"]!.GetValue<string>());
            Assert.Equal("open", body["task"]!["status"]!.ToString(), ignoreCase: true);
        }

        await AssertMessageAsync(await api.PostAsJsonAsync($"/api/tasks/{lhasa}/urge", new { reason = "请尽快修改" }), HttpStatusCode.OK, "已催办");
        using (var again = await api.PostAsJsonAsync($"/api/tasks/{lhasa}/complete", new { data = new { summary = "自查报告修改稿" }, by = "拉萨市" }))
        {
            Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        }

        using (var other = await api.PostAsJsonAsync($"/api/tasks/{tasks["shigatse"]}/complete", new { data = new { summary = "自查报告" }, by = "日喀则市" }))
        {
            Assert.Equal(HttpStatusCode.OK, other.StatusCode);
        }

        // Both answered: the activity moved on, so the answer can no longer be sent back.
        await AssertMessageAsync(await api.PostAsJsonAsync($"/api/tasks/{lhasa}/return", new { due = "2026-12-30", reason = "太晚了" }), HttpStatusCode.Conflict, "已提交");
        Assert.Equal(2, (await TaskAsync(api, lhasa))["submissions"]!.AsArray().Count);
    }

    private async Task<(string Operator, HttpClient Api, Dictionary<string, string> Tasks)> StartAsync()
    {
        var started = await TwoPartyWorkflow.StartAsync(server);
        return (started.Operator, started.Api, started.Tasks);
    }

    private static async Task<JsonObject> TaskAsync(HttpClient api, string id) =>
        (await api.GetFromJsonAsync<JsonObject>(new Uri($"/api/tasks/{id}", UriKind.Relative)))!;

    private static List<string> Instants(JsonNode steps) => steps.AsArray().Select(s => s!["at"]!.GetValue<string>()).ToList();

    private static async Task AssertMessageAsync(HttpResponseMessage response, HttpStatusCode status, string contains)
    {
        using (response)
        {
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == status, $"{(int)response.StatusCode}: {text}");
            Assert.Contains(contains, JsonNode.Parse(text)!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        }
    }
}
