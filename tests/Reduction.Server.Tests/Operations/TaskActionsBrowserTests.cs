using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Reduction.Identity.Accounts;
using Reduction.Server.Tests.Browser;
using Reduction.Server.Tests.Support;

namespace Reduction.Server.Tests.Operations;

/// <summary>An EPB operator working the 2016 annual plans in the console, in Debian's Chromium, on the drill clock:
/// extends 阿里地区's plan across its own holiday, urges 那曲地区, hands 山南市's plan to 昌都市; each checked against
/// what the server stored and what smtp4dev received. Screenshots: artifacts/test-results/screenshots/ops-*.png.</summary>
public sealed class TaskActionsBrowserTests(OperationsServer server) : IClassFixture<OperationsServer>, IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);
    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private string? _user;

    public async Task InitializeAsync()
    {
        _playwright = await Playwright.CreateAsync();
        _browser = await Chromium.LaunchAsync(_playwright);

        // Each action is a full request through a busy server process on a shared machine.
        Assertions.SetDefaultExpectTimeout(15_000);
    }

    [Fact]
    public async Task Operator_ExtendsAcrossAPrefectureHoliday_UrgesAndReassigns_TimersNoticesAndLinksFollow()
    {
        var operatorUser = await server.AddAccountAsync("operator", "epb", [AccountRoles.Operator]);
        _user = operatorUser;
        using (var api = await server.ApiAsync(operatorUser))
        using (var started = await api.PostAsJsonAsync("/api/workflows/annual-cycle/instances", new { variables = new { year = 2016 } }))
        {
            Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        }

        // 16 February 09:00: the plans go out, one task per prefecture, each with its link.
        await AdvanceAsync("2016-02-16T09:00:05+08:00");
        var issued = await server.Mail.WaitForAsync(m => m.Template == "task-issued" && m.Subject.Contains("减排计划", StringComparison.Ordinal), 7, "seven plan tasks issued", Patience);
        var shannanLink = Chromium.TaskLink().Match(Assert.Single(issued, m => m.IsTo(server.Mail.Address("shannan"))).Text).Value;
        var plans = await PlanTasksAsync();

        // The reminders go out on their days (1, 10 and 14 March, 09:00). 16 March 08:00: nobody has filed; at
        // midnight every plan turned late and its first escalation went out.
        var reminderDays = new[] { "2016-03-01T09:00:05+08:00", "2016-03-10T09:00:05+08:00", "2016-03-14T09:00:05+08:00" };
        for (var i = 0; i < reminderDays.Length; i++)
        {
            await AdvanceAsync(reminderDays[i]);
            await server.Mail.WaitForAsync("ngari", "reminder", i + 1, $"阿里地区's reminder {i + 1}", Patience);
        }

        await AdvanceAsync("2016-03-16T08:00:00+08:00");
        await server.Mail.WaitForAsync("ngari", "overdue", 1, "阿里地区 told it is late", Patience);

        var page = await SignInAsync(operatorUser);
        await page.GotoAsync(server.Url("/console/tasks?party=ngari&kind=annual-plan&year=2016"));
        await Assertions.Expect(page.Locator("[data-testid=tasks] tbody tr")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("[data-testid=tasks] tbody tr")).ToContainTextAsync("已逾期 1 天");
        await Chromium.ScreenshotAsync(page, "ops-tasks-filtered");
        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("[data-action=export]"));
        Assert.EndsWith(".xlsx", download.SuggestedFilename, StringComparison.Ordinal);
        await using (var workbook = await download.CreateReadStreamAsync())
        using (var copy = new MemoryStream())
        {
            await workbook.CopyToAsync(copy);
            copy.Position = 0;
            Assert.Equal(["任务清单"], MiniExcelLibs.MiniExcel.GetSheetNames(copy));
            var rows = MiniExcelLibs.MiniExcel.Query(copy, useHeaderRow: true, sheetName: "任务清单").Cast<IDictionary<string, object?>>().ToList();
            var row = Assert.Single(rows);
            Assert.Equal(("阿里地区", "年度计划", "已逾期，待办"), (row["承办单位"]?.ToString(), row["类型"]?.ToString(), row["状态"]?.ToString()));
            Assert.Equal(new DateTime(2016, 3, 15, 23, 59, 59), Convert.ToDateTime(row["期限（北京时间）"], System.Globalization.CultureInfo.InvariantCulture), TimeSpan.FromSeconds(1));
        }

        Assert.Contains(await server.AuditAsync(operatorUser, "task.export"), e => e.Outcome == "success" && e.Detail == "rows=1");
        await page.ClickAsync("[data-testid=tasks] tbody tr a");
        await Assertions.Expect(page.Locator("[data-testid=due]")).ToContainTextAsync("2016年3月15日 23:59:59");

        // Five working days in 阿里地区's calendar, which is closed on the 17th and 18th: Thursday 24 March.
        await page.FillAsync("[data-form=extend] input[name=workdays]", "5");
        await page.FillAsync("[data-form=extend] input[name=reason]", "阿里地区遭受雪灾，交通中断");
        await SubmitAsync(page, "extend");
        await Assertions.Expect(page.Locator("[data-testid=message]")).ToHaveTextAsync("已延期，提醒和督办已按新期限重新计算");
        await Assertions.Expect(page.Locator("[data-testid=due]")).ToContainTextAsync("2016年3月24日 23:59:59");
        await Assertions.Expect(page.Locator("[data-testid=status]")).ToHaveTextAsync("待办");
        var steps = page.Locator("[data-testid=steps]");
        await Assertions.Expect(steps.Locator("tr[data-kind=reminder][data-state=sent]")).ToHaveCountAsync(3);
        await Assertions.Expect(steps.Locator("tr[data-kind=escalation][data-step='0']")).ToHaveAttributeAsync("data-state", "sent");
        await Assertions.Expect(steps.Locator("tr[data-kind=escalation][data-step='1'] [data-testid=step-at]")).ToHaveTextAsync("2016-03-29 09:00");
        await Assertions.Expect(page.Locator("[data-testid=journal]")).ToContainTextAsync("3月15日 23:59 → 3月24日 23:59");
        await Chromium.ScreenshotAsync(page, "ops-task-extended");

        var ngari = await TaskAsync(plans["ngari"]);
        Assert.Equal("2016-03-24T23:59:59+08:00", ngari["dueAt"]!.GetValue<string>());
        Assert.Equal(["sent", "pending", "pending"], ngari["escalations"]!.AsArray().Select(e => e!["state"]!.GetValue<string>()));
        Assert.Equal("2016-03-29T09:00:00+08:00", ngari["escalations"]![1]!["at"]!.GetValue<string>());
        await server.Mail.WaitForAsync("ngari", "deadline-extended", 1, "阿里地区 told of its new deadline", Patience);

        // 那曲地区 is urged: the letter reaches its mailbox; a second urge the same day is refused.
        await page.GotoAsync(server.Url($"/console/tasks/{plans["nagqu"]}"));
        await page.FillAsync("[data-form=urge] input[name=reason]", "请于三日内报送");
        await SubmitAsync(page, "urge");
        await Assertions.Expect(page.Locator("[data-testid=message]")).ToHaveTextAsync("已催办，催办函已发出");
        var urged = Assert.Single(await server.Mail.WaitForAsync("nagqu", "urge", 1, "那曲地区 urged", Patience));
        Assert.Contains("请于三日内报送", urged.Text, StringComparison.Ordinal);
        Assert.StartsWith("关于催报2016年度主要污染物总量减排计划和实施方案（那曲地区）", urged.Subject, StringComparison.Ordinal);
        await page.FillAsync("[data-form=urge] input[name=reason]", "再催一次");
        await SubmitAsync(page, "urge");
        await Assertions.Expect(page.Locator("[data-testid=message]")).ToContainTextAsync("今天已催办过");

        // 山南市's plan goes to 昌都市: 山南市's link stops opening it; 昌都市 is sent the task with a link of its own.
        await page.GotoAsync(server.Url($"/console/tasks/{plans["shannan"]}"));
        await page.SelectOptionAsync("[data-form=reassign] select[name=party]", "chamdo");
        await page.FillAsync("[data-form=reassign] input[name=reason]", "山南市材料由昌都市代为汇总");
        await SubmitAsync(page, "reassign");
        await Assertions.Expect(page.Locator("[data-testid=message]")).ToContainTextAsync("已转办给昌都市");
        await Assertions.Expect(page.Locator("[data-testid=assignee]")).ToContainTextAsync("昌都市");
        await Assertions.Expect(page.Locator("[data-testid=links] tr[data-party=shannan]")).ToHaveAttributeAsync("data-live", "false");
        await Chromium.ScreenshotAsync(page, "ops-task-reassigned");
        using (var anonymous = new HttpClient())
        using (var old = await anonymous.GetAsync(new Uri(shannanLink)))
        {
            Assert.Equal(HttpStatusCode.Gone, old.StatusCode);
        }

        var handed = await server.Mail.WaitForAsync(m => m.Template == "task-issued" && m.IsTo(server.Mail.Address("chamdo")) && m.Subject.Contains("山南市", StringComparison.Ordinal), 1, "昌都市 issued 山南市's plan", Patience);
        var chamdoLink = Chromium.TaskLink().Match(handed[0].Text).Value;
        Assert.NotEqual(shannanLink, chamdoLink);
        using (var anonymous = new HttpClient())
        using (var fresh = await anonymous.GetAsync(new Uri(chamdoLink)))
        {
            Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
        }

        // The task page shows when 昌都市's link was opened; a new link is sent on request and the old one stops.
        await page.GotoAsync(server.Url($"/console/tasks/{plans["shannan"]}"));
        await Assertions.Expect(page.Locator("[data-testid=links] tr[data-party=chamdo][data-live=true] [data-testid=last-opened]")).ToContainTextAsync("（共 1 次）");
        await page.FillAsync("[data-form=reissue-link] input[name=reason]", "昌都市反映邮件被误删");
        await SubmitAsync(page, "reissue-link");
        await Assertions.Expect(page.Locator("[data-testid=message]")).ToHaveTextAsync("新链接已发往承办单位登记的邮箱，原链接已失效");
        var reissued = await server.Mail.WaitForAsync(m => m.Template == "task-issued" && m.IsTo(server.Mail.Address("chamdo")) && m.Subject.Contains("山南市", StringComparison.Ordinal), 2, "昌都市 sent a new link", Patience);
        var newLink = Chromium.TaskLink().Match(reissued.OrderBy(m => m.Sequence).Last().Text).Value;
        using (var anonymous = new HttpClient())
        {
            using (var stale = await anonymous.GetAsync(new Uri(chamdoLink)))
            {
                Assert.Equal(HttpStatusCode.Gone, stale.StatusCode);
            }

            using var renewed = await anonymous.GetAsync(new Uri(newLink));
            Assert.Equal(HttpStatusCode.OK, renewed.StatusCode);
        }

        await page.GotoAsync(server.Url($"/console/tasks/{plans["shannan"]}"));
        await Assertions.Expect(page.Locator("[data-testid=links] tr[data-party=chamdo][data-live=true] [data-testid=last-opened]")).ToContainTextAsync("（共 1 次）");
        await Assertions.Expect(page.Locator("[data-testid=links] tr[data-party=chamdo][data-live=false]")).ToHaveCountAsync(1);

        // The instances: 阿里地区's plan is one annual-plan instance, whose page links its flow view.
        await page.GotoAsync(server.Url("/console/instances?definition=annual-plan&party=ngari&status=running"));
        await Assertions.Expect(page.Locator("[data-testid=instances] tbody tr")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("[data-testid=instance-count]")).ToHaveTextAsync("共 1 个实例");
        await Assertions.Expect(page.Locator("[data-testid=instances] tbody tr [data-column=parties]")).ToHaveTextAsync("阿里地区");
        await page.GotoAsync(server.Url("/console/instances?definition=annual-plan"));
        await Assertions.Expect(page.Locator("[data-testid=instances] tbody tr")).ToHaveCountAsync(7);
        await Chromium.ScreenshotAsync(page, "ops-instances");
        // The cycle year: 2016's plans are the seven started under the 2016 cycle; no instance belongs to 2015.
        await page.GotoAsync(server.Url("/console/instances?definition=annual-plan&year=2016"));
        await Assertions.Expect(page.Locator("[data-testid=instances] tbody tr")).ToHaveCountAsync(7);
        await page.GotoAsync(server.Url("/console/instances?year=2015"));
        await Assertions.Expect(page.Locator("[data-testid=no-instances]")).ToBeVisibleAsync();
        await page.GotoAsync(server.Url("/console/instances?year=1900"));
        await Assertions.Expect(page.Locator("[data-testid=filter-problem]")).ToContainTextAsync("周期年度应在 2000 至 2100 之间");
        await page.GotoAsync(server.Url("/console/instances?definition=annual-plan&party=ngari"));
        await page.ClickAsync("[data-testid=instances] tbody tr a");
        await Assertions.Expect(page.Locator("[data-testid=instance-tasks] tbody tr")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("[data-testid=instance-tasks]")).ToContainTextAsync("阿里地区");
        await page.ClickAsync("[data-testid=flow-link]");
        await page.WaitForSelectorAsync("[data-testid=instance-flow]");

        await page.Context.CloseAsync();

        // 阿里地区's member sees its own tasks only, without the operators' actions; another party's task is not there.
        var member = await server.AddAccountAsync("member", "ngari", [AccountRoles.Member]);
        var own = await SignInAsync(member);
        await own.GotoAsync(server.Url("/console/my-tasks"));
        await Assertions.Expect(own.Locator("h4")).ToHaveTextAsync("本单位任务");
        Assert.Equal(["ngari"], (await own.Locator("[data-testid=tasks] tbody tr").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.party)")).Distinct());
        await own.GotoAsync(server.Url($"/console/tasks/{plans["ngari"]}"));
        await Chromium.ScreenshotAsync(own, "ops-member-task");
        await Assertions.Expect(own.Locator("[data-testid=due]")).ToContainTextAsync("2016年3月24日 23:59:59");
        Assert.Equal(0, await own.Locator("[data-testid=actions]").CountAsync());
        await Chromium.ScreenshotAsync(own, "ops-member-task");
        await own.GotoAsync(server.Url($"/console/tasks/{plans["nagqu"]}"));
        await Assertions.Expect(own.Locator("[data-testid=missing]")).ToBeVisibleAsync();
        await own.Context.CloseAsync();
        Assert.Contains(await server.AuditAsync(member, "task.read"), e => e.Outcome == "denied" && e.TargetId == plans["nagqu"]);

        // 29 March 09:00: 阿里地区's second step reaches supervision at its new instant; its first was not sent again.
        await AdvanceAsync("2016-03-29T09:00:05+08:00");
        await server.Mail.WaitForAsync(m => m.Template == "escalation" && m.IsTo(server.Mail.Address("supervision")) && m.Text.Contains("阿里地区", StringComparison.Ordinal), 1, "阿里地区's second escalation step", Patience);
        Assert.Single(server.Mail.All, m => m.Template == "overdue" && m.IsTo(server.Mail.Address("ngari")));
        Assert.Contains(await server.AuditAsync(operatorUser, "POST /console/tasks/{Id:guid}"), e => e.Outcome == "success");
    }

    // The operator's API calls each take a new token: a token is valid for a while on the server's clock, which the
    // drill moves by weeks.
    private Task<HttpClient> ApiAsync() => server.ApiAsync(_user!);

    private async Task AdvanceAsync(string to)
    {
        using var api = await ApiAsync();
        using var advanced = await api.PostAsJsonAsync("/api/clock/advance", new { to });
        Assert.True(advanced.IsSuccessStatusCode, await advanced.Content.ReadAsStringAsync());
    }

    private async Task<Dictionary<string, string>> PlanTasksAsync() =>
        await Eventually.ReturnsAsync(async () =>
        {
            using var api = await ApiAsync();
            var tasks = (await api.GetFromJsonAsync<JsonArray>(new Uri("/api/tasks", UriKind.Relative)))!
                .Where(t => t!["kind"]!.GetValue<string>() == "annual-plan")
                .ToDictionary(t => t!["assigneePartyId"]!.GetValue<string>(), t => t!["id"]!.GetValue<string>());
            return tasks.Count == 7 ? tasks : null;
        }, Patience, "seven plan tasks");

    private async Task<JsonObject> TaskAsync(string id)
    {
        using var api = await ApiAsync();
        return (await api.GetFromJsonAsync<JsonObject>(new Uri($"/api/tasks/{id}", UriKind.Relative)))!;
    }

    /// <summary>Submits an action's form and waits for the page the server answers with (a full request, no script).</summary>
    private async Task SubmitAsync(IPage page, string action)
    {
        var response = await page.RunAndWaitForResponseAsync(
            () => page.ClickAsync($"[data-action={action}]"),
            r => r.Request.Method == "POST" && r.Url.Contains("/console/tasks/", StringComparison.Ordinal));
        Assert.True(response.Status == 200, $"{action}: {response.Status} {await response.TextAsync()}\n{server.Tail}");
        await page.WaitForLoadStateAsync(LoadState.DOMContentLoaded);
    }

    private Task<IPage> SignInAsync(string user) => server.SignInAsync(_browser!, user);

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }
}
