using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Reduction.Identity.Accounts;
using Reduction.Server.Tests.Browser;

namespace Reduction.Server.Tests.Designer;

/// <summary>System administrators using the workflow designer in Debian's Chromium, each test ending in what the
/// server stored (read through the API). Screenshots go to artifacts/test-results/screenshots/designer-*.png.</summary>
public sealed class DesignerBrowserTests(DesignerServer server) : IClassFixture<DesignerServer>, IAsyncLifetime
{
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public async Task InitializeAsync()
    {
        _playwright = await Playwright.CreateAsync();
        _browser = await Chromium.LaunchAsync(_playwright);
    }

    [Fact]
    public async Task AnnualPlan_FirstReminderTo5Workdays_RehearsalMovesIt_PublishSurvivesRestart()
    {
        var admin = await server.AddAccountAsync("designer", "epb", [AccountRoles.SystemAdmin]);
        var page = await OpenDesignerAsync(admin, "annual-plan");
        await Chromium.ScreenshotAsync(page, "designer-annual-plan");

        await page.FillAsync("[data-testid=preview-year]", "2016");
        await page.PressAsync("[data-testid=preview-year]", "Tab");
        await page.ClickAsync("[data-activity-id=plan] .activity-title");
        var steps = page.Locator("[data-testid=steps-reminders] [data-step='0']");
        await Assertions.Expect(steps.Locator("[data-testid=step-preview]")).ToContainTextAsync("2016年3月1日");
        await steps.Locator("[data-field=count]").FillAsync("5");
        await steps.Locator("[data-field=count]").PressAsync("Tab");
        await Assertions.Expect(steps.Locator("[data-testid=step-preview]")).ToContainTextAsync("2016年3月8日");
        await Assertions.Expect(page.Locator("[data-testid=save-state]")).ToHaveTextAsync("草稿已保存");
        await Chromium.ScreenshotAsync(page, "designer-reminder-editor");

        await page.ClickAsync("[data-tab=rehearsal]");
        await page.FillAsync("[data-testid=rehearsal-year]", "2016");

        // 拉萨市 files its plan the day before the deadline, so its reminders are sent.
        await page.ClickAsync("[data-testid=rehearsal] details summary");
        await page.FillAsync("[data-testid=rehearsal-scenario]", """{"prefectures": {"拉萨市": {"plan": {"submitAt": "2016-03-14T10:00:00+08:00"}}}}""");
        await page.ClickAsync("[data-action=rehearse]");
        await page.WaitForSelectorAsync("[data-testid=rehearsal-summary], [data-testid=message]", new() { Timeout = 90_000 });
        await Chromium.ScreenshotAsync(page, "designer-rehearsal");
        var differences = page.Locator("[data-testid=differences]");
        await Assertions.Expect(differences).ToContainTextAsync("提醒 拉萨市 年度计划：3月1日 → 3月8日", new() { Timeout = 60_000 });
        var movedRow = page.Locator("[data-testid=timeline] tr[data-moved=true]");
        await Assertions.Expect(movedRow).ToHaveCountAsync(1);
        await Assertions.Expect(movedRow).ToContainTextAsync("2016-03-08 09:00");
        await Assertions.Expect(movedRow).ToContainTextAsync("2016-03-01 09:00");
        await Chromium.ScreenshotAsync(page, "designer-rehearsal");

        await page.ClickAsync("[data-tab=publish]");
        await page.FillAsync("[data-testid=publish-note]", "第一次提醒改为期限前 5 个工作日");
        await page.ClickAsync("[data-action=publish]");
        await Assertions.Expect(page.Locator("[data-testid=message]")).ToContainTextAsync("已发布为版本");
        await page.Context.CloseAsync();

        using var api = await server.ApiAsync(admin);
        var before = await LatestAsync(api, "annual-plan");
        Assert.Equal("designer", before["source"]!.GetValue<string>());
        Assert.Equal(admin, before["publishedBy"]!.GetValue<string>());

        await server.RestartAsync();
        using var after = await server.ApiAsync(admin);
        var latest = await LatestAsync(after, "annual-plan");
        Assert.Equal(before["version"]!.GetValue<int>(), latest["version"]!.GetValue<int>());
        Assert.Equal("designer", latest["source"]!.GetValue<string>());
        var draft = (await after.GetFromJsonAsync<JsonObject>(new Uri("/api/workflows/annual-plan/draft", UriKind.Relative)))!;
        var plan = draft["activities"]!.AsArray().First(a => a!["id"]!.GetValue<string>() == "plan")!;
        Assert.Equal("workdays:-5", plan["inputs"]!["reminders"]![0]!["offset"]!.GetValue<string>());
    }

    [Fact]
    public async Task TwoAdministrators_OneDraft_TheSecondSaveIsRefusedWithWhoAndWhen_NothingLost()
    {
        var first = await server.AddAccountAsync("designer", "epb", [AccountRoles.SystemAdmin]);
        var second = await server.AddAccountAsync("designer", "epb", [AccountRoles.SystemAdmin]);
        var one = await OpenDesignerAsync(first, "demo-task-escalation");
        var two = await OpenDesignerAsync(second, "demo-task-escalation");

        await one.FillAsync("[data-testid=definition-properties] [data-property=name]", "甲的名称");
        await one.PressAsync("[data-testid=definition-properties] [data-property=name]", "Tab");
        await Assertions.Expect(one.Locator("[data-testid=save-state]")).ToHaveTextAsync("草稿已保存");

        await two.FillAsync("[data-testid=definition-properties] [data-property=name]", "乙的名称");
        await two.PressAsync("[data-testid=definition-properties] [data-property=name]", "Tab");
        var conflict = two.Locator("[data-testid=conflict]");
        await Assertions.Expect(conflict).ToContainTextAsync(first);
        await Assertions.Expect(conflict).ToContainTextAsync("北京时间");
        await Assertions.Expect(two.Locator("[data-testid=save-state]")).ToContainTextAsync("未保存");
        await Chromium.ScreenshotAsync(two, "designer-conflict");

        using var api = await server.ApiAsync(first);
        var draft = (await api.GetFromJsonAsync<JsonObject>(new Uri("/api/workflows/demo-task-escalation/draft", UriKind.Relative)))!;
        Assert.Equal("甲的名称", draft["name"]!.GetValue<string>());

        // The second administrator reloads and sees the first one's change.
        await two.ClickAsync("[data-action=reload]");
        await Assertions.Expect(two.Locator("[data-testid=workflow-name]")).ToHaveTextAsync("甲的名称");
        await one.Context.CloseAsync();
        await two.Context.CloseAsync();
    }

    [Fact]
    public async Task MoveANode_Publish_NoNewVersion()
    {
        var admin = await server.AddAccountAsync("designer", "epb", [AccountRoles.SystemAdmin]);
        using var api = await server.ApiAsync(admin);
        var before = await LatestAsync(api, "lift-sanctions");
        var page = await OpenDesignerAsync(admin, "lift-sanctions");
        var node = page.Locator(".activity-node").Nth(1);
        var id = await node.GetAttributeAsync("data-activity-id");
        var box = (await node.BoundingBoxAsync())!;
        await page.Mouse.MoveAsync(box.X + 30, box.Y + 10);
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync(box.X + 90, box.Y + 120, new() { Steps = 8 });
        await page.Mouse.UpAsync();
        await Assertions.Expect(page.Locator("[data-testid=save-state]")).ToHaveTextAsync("草稿已保存");

        var draft = (await api.GetFromJsonAsync<JsonObject>(new Uri("/api/workflows/lift-sanctions/draft", UriKind.Relative)))!;
        var moved = draft["activities"]!.AsArray().First(a => a!["id"]!.GetValue<string>() == id)!;
        Assert.NotNull(moved["position"]);

        await page.ClickAsync("[data-action=open-publish]");
        await page.ClickAsync("[data-action=publish]");
        await Assertions.Expect(page.Locator("[data-testid=message]")).ToContainTextAsync("除布局外没有变化");
        var after = await LatestAsync(api, "lift-sanctions");
        Assert.Equal(before["version"]!.GetValue<int>(), after["version"]!.GetValue<int>());
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Migration_PreviewShowsTheNewDueDate_TypedConfirmation_InstanceMovesToTheNewVersion()
    {
        const string Workflow = "demo-task-escalation";
        var admin = await server.AddAccountAsync("designer", "epb", [AccountRoles.SystemAdmin, AccountRoles.Operator]);
        using var api = await server.ApiAsync(admin);
        using var started = await api.PostAsJsonAsync($"/api/workflows/{Workflow}/instances", new { variables = new { year = 2027 } });
        Assert.Equal(System.Net.HttpStatusCode.Created, started.StatusCode);
        var instanceId = (await started.Content.ReadFromJsonAsync<JsonObject>())!["instanceId"]!.GetValue<string>();
        var fromVersion = (await api.GetFromJsonAsync<JsonObject>(new Uri($"/api/instances/{instanceId}", UriKind.Relative)))!["instance"]!["definitionVersion"]!.GetValue<int>();

        using (var read = await api.GetAsync(new Uri($"/api/workflows/{Workflow}/draft", UriKind.Relative)))
        {
            var draft = (await read.Content.ReadFromJsonAsync<JsonObject>())!;
            draft["activities"]!.AsArray().First(a => a!["id"]!.GetValue<string>() == "plan")!["inputs"]!["due"] = "day:03-22";
            using var put = new HttpRequestMessage(HttpMethod.Put, $"/api/workflows/{Workflow}/draft") { Content = JsonContent.Create(draft) };
            put.Headers.TryAddWithoutValidation("If-Match", read.Headers.ETag!.Tag);
            using var saved = await api.SendAsync(put);
            Assert.Equal(System.Net.HttpStatusCode.OK, saved.StatusCode);
        }

        using var published = await api.PostAsJsonAsync($"/api/workflows/{Workflow}/publish", new { note = "期限延至3月22日" });
        var toVersion = (await published.Content.ReadFromJsonAsync<JsonObject>())!["version"]!.GetValue<int>();
        Assert.True(toVersion > fromVersion);

        var page = await OpenPageAsync(admin, $"/console/workflows/{Workflow}/migrate", "[data-testid=mapping]");
        Assert.Equal(fromVersion.ToString(System.Globalization.CultureInfo.InvariantCulture), await page.InputValueAsync("[data-testid=from-version]"));
        Assert.Equal(toVersion.ToString(System.Globalization.CultureInfo.InvariantCulture), await page.InputValueAsync("[data-testid=to-version]"));
        await page.ClickAsync("[data-action=preview]");
        var row = page.Locator($"[data-testid=preview] tr[data-instance-id='{instanceId}']");
        await Assertions.Expect(row).ToContainTextAsync("3月15日 23:59 → 3月22日 23:59");
        await Assertions.Expect(page.Locator("[data-action=migrate]")).ToBeDisabledAsync();
        await page.FillAsync("[data-testid=confirm]", "MIGRATE");
        await Chromium.ScreenshotAsync(page, "designer-migration-preview");
        await page.ClickAsync("[data-action=migrate]");
        await Assertions.Expect(row).ToContainTextAsync("已迁移");
        await page.Context.CloseAsync();

        var moved = (await api.GetFromJsonAsync<JsonObject>(new Uri($"/api/instances/{instanceId}", UriKind.Relative)))!;
        Assert.Equal(toVersion, moved["instance"]!["definitionVersion"]!.GetValue<int>());
        Assert.Contains(moved["journal"]!.AsArray(), e => e!["event"]?.GetValue<string>() == "migrated");
    }

    [Fact]
    public async Task InstanceView_PathWaitingNodeTasksTimers_ScopedToTheCallersParty_CountsInTheDesigner()
    {
        var operatorUser = await server.AddAccountAsync("operator", "epb", [AccountRoles.Operator]);
        var shigatse = await server.AddAccountAsync("member", "shigatse", [AccountRoles.Member]);
        var admin = await server.AddAccountAsync("designer", "epb", [AccountRoles.SystemAdmin]);
        using var api = await server.ApiAsync(operatorUser);
        using var started = await api.PostAsJsonAsync("/api/workflows/annual-cycle/instances", new { variables = new { year = 2028 } });
        Assert.Equal(System.Net.HttpStatusCode.Created, started.StatusCode);
        var cycle = (await started.Content.ReadFromJsonAsync<JsonObject>())!["instanceId"]!.GetValue<string>();

        var page = await OpenPageAsync(operatorUser, $"/console/instances/{cycle}/flow", "[data-testid=flow-canvas] .activity-node");
        await Assertions.Expect(page.Locator("[data-testid=flow-canvas] .activity-node.mark-visited[data-activity-id=start]")).ToHaveCountAsync(1);
        var waiting = page.Locator("[data-testid=flow-canvas] .activity-node.mark-waiting");
        Assert.True(await waiting.CountAsync() >= 1);
        await Assertions.Expect(waiting.First.Locator("[data-testid=activity-note]")).ToContainTextAsync("在此等待");
        await Chromium.ScreenshotAsync(page, "designer-instance-view");
        await waiting.First.Locator(".activity-title").ClickAsync(new() { Force = true });
        await Assertions.Expect(page.Locator("[data-testid=activity-trace]")).ToContainTextAsync("当前在此等待");
        await page.Context.CloseAsync();

        // Another prefecture's member reads nothing of the region's cycle; the refusal is on record.
        var other = await OpenPageAsync(shigatse, $"/console/instances/{cycle}/flow", "[data-testid=missing], [data-testid=instance-flow]");
        Assert.Equal(1, await other.Locator("[data-testid=missing]").CountAsync());
        await other.Context.CloseAsync();
        Assert.Contains(await server.AuditAsync(operatorUser, "instance.trace.read"), e => e.Outcome == "success");
        Assert.Contains(await server.AuditAsync(shigatse, "instance.trace.read"), e => e.Outcome == "denied");

        // The designer shows how many instances wait at each activity, without reading them.
        var designer = await OpenDesignerAsync(admin, "annual-cycle");
        // A click that lands before the page's circuit is connected does nothing: click again until the counts show.
        var note = designer.Locator("[data-testid=canvas] [data-testid=activity-note]").First;
        for (var attempt = 1; ; attempt++)
        {
            await designer.ClickAsync("[data-action=waiting]");
            try
            {
                await Assertions.Expect(note).ToContainTextAsync("个实例在此等待", new LocatorAssertionsToContainTextOptions { Timeout = 10_000 });
                break;
            }
            catch (PlaywrightException) when (attempt < 3)
            {
            }
        }
        await designer.Context.CloseAsync();
    }

    [Fact]
    public async Task FromNothing_DragStartTaskEnd_Connect_SetDueAndReminder_ProblemBadged_Fixed_Published()
    {
        var admin = await server.AddAccountAsync("designer", "epb", [AccountRoles.SystemAdmin]);
        using var api = await server.ApiAsync(admin);
        var id = "small-" + Guid.NewGuid().ToString("N")[..6];
        using (var created = await api.PostAsJsonAsync("/api/workflows", new JsonObject { ["id"] = id, ["name"] = "从零搭建的流程", ["activities"] = new JsonArray(), ["connections"] = new JsonArray() }))
        {
            Assert.Equal(System.Net.HttpStatusCode.Created, created.StatusCode);
        }

        var page = await OpenPageAsync(admin, $"/console/workflows/{id}", "[data-testid=canvas] .diagram-canvas");
        var canvas = page.Locator("[data-testid=canvas]");
        var box = (await canvas.BoundingBoxAsync())!;
        await page.Locator("[data-testid=toolbox] [data-activity-type=Start]").DragToAsync(canvas, new() { TargetPosition = new() { X = 60, Y = 80 } });
        await page.Locator("[data-testid=toolbox] [data-activity-type=IssueTask]").DragToAsync(canvas, new() { TargetPosition = new() { X = 300, Y = 80 } });
        await page.Locator("[data-testid=toolbox] [data-activity-type=End]").DragToAsync(canvas, new() { TargetPosition = new() { X = 300, Y = 300 } });
        await Assertions.Expect(canvas.Locator(".activity-node")).ToHaveCountAsync(3);
        await Chromium.ScreenshotAsync(page, "designer-from-nothing-dropped");
        Assert.Equal(["start1", "issueTask1", "end1"], await canvas.Locator(".activity-node").EvaluateAllAsync<string[]>("nodes => nodes.map(n => n.dataset.activityId)"));

        await ConnectAsync(page, "start1", "done", "issueTask1", links: 1);
        await Assertions.Expect(canvas.Locator(".diagram-link")).ToHaveCountAsync(1);
        await ConnectAsync(page, "issueTask1", "submitted", "end1", links: 2);
        await Assertions.Expect(canvas.Locator(".diagram-link")).ToHaveCountAsync(2);

        // The task has no kind, title, assignees or due rule yet: listed and badged.
        var badge = canvas.Locator("[data-activity-id=issueTask1] [data-testid=problem-badge]");
        await Assertions.Expect(badge).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-testid=problem][data-activity-id=issueTask1]").First).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-action=open-publish]")).ToBeDisabledAsync();
        await Chromium.ScreenshotAsync(page, "designer-from-nothing-problems");

        // Clicking the problem selects the task and focuses the property.
        await page.Locator("[data-testid=problem][data-activity-id=issueTask1][data-property=taskKind]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=properties]")).ToHaveAttributeAsync("data-activity-id", "issueTask1");
        await Assertions.Expect(page.Locator("#prop-taskKind")).ToBeFocusedAsync();
        await page.FillAsync("#prop-taskKind", "annual-plan");
        await page.PressAsync("#prop-taskKind", "Tab");
        await page.FillAsync("#prop-title", "{{ year }}年度减排计划（{{ assignee_name }}）");
        await page.PressAsync("#prop-title", "Tab");
        await page.FillAsync("#prop-assignees", "['lhasa']");
        await page.PressAsync("#prop-assignees", "Tab");
        var rule = page.Locator("[data-testid=rule-editor-due]");
        await rule.Locator("[data-field=kind]").SelectOptionAsync("day");
        await rule.Locator("[data-field=month]").FillAsync("3");
        await rule.Locator("[data-field=month]").PressAsync("Tab");
        await rule.Locator("[data-field=day]").FillAsync("15");
        await rule.Locator("[data-field=day]").PressAsync("Tab");
        await page.ClickAsync("[data-testid=steps-reminders] [data-action=add-step]");
        await Assertions.Expect(badge).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("[data-testid=error-count]")).ToHaveTextAsync("0 个错误");
        await Assertions.Expect(page.Locator("[data-testid=save-state]")).ToHaveTextAsync("草稿已保存");

        await page.ClickAsync("[data-action=open-publish]");
        await page.FillAsync("[data-testid=publish-note]", "第一版");
        await page.ClickAsync("[data-action=publish]");
        await Assertions.Expect(page.Locator("[data-testid=message]")).ToContainTextAsync("已发布为版本 1");
        await Chromium.ScreenshotAsync(page, "designer-from-nothing-published");
        await page.Context.CloseAsync();

        var latest = await LatestAsync(api, id);
        Assert.Equal(1, latest["version"]!.GetValue<int>());
        var export = (await api.GetFromJsonAsync<JsonObject>(new Uri($"/api/workflows/{id}/versions/1/export", UriKind.Relative)))!;
        var task = export["activities"]!.AsArray().Single(a => a!["type"]!.GetValue<string>() == "IssueTask")!;
        Assert.Equal("day:03-15", task["inputs"]!["due"]!.GetValue<string>());
        Assert.Equal("workdays:-3", task["inputs"]!["reminders"]![0]!["offset"]!.GetValue<string>());
        Assert.Equal(2, export["connections"]!.AsArray().Count);
    }

    /// <summary>Drags from an activity's outcome port to another activity's input port until the canvas shows
    /// <paramref name="links"/> connections. The canvas redraws after each edit (and after each autosave), so a port
    /// found a moment ago may be replaced, and a drag that began on a replaced port draws nothing: as a user would,
    /// the helper drags again. Connecting an outcome twice replaces its connection, so a repeat cannot add one.</summary>
    private static async Task ConnectAsync(IPage page, string from, string outcome, string to, int links)
    {
        var sourcePort = page.Locator($".activity-node[data-activity-id={from}] [data-outcome={outcome}] .diagram-port");
        var targetPort = page.Locator($".activity-node[data-activity-id={to}] .activity-in .diagram-port");
        var drawn = page.Locator("[data-testid=canvas] .diagram-link");
        for (var attempt = 1; ; attempt++)
        {
            await sourcePort.WaitForAsync();
            await targetPort.WaitForAsync();
            var source = await sourcePort.BoundingBoxAsync();
            var target = await targetPort.BoundingBoxAsync();
            if (source is not null && target is not null)
            {
                await page.Mouse.MoveAsync(source.X + (source.Width / 2), source.Y + (source.Height / 2));
                await page.Mouse.DownAsync();
                await page.Mouse.MoveAsync(target.X + (target.Width / 2), target.Y + (target.Height / 2), new() { Steps = 10 });
                await page.Mouse.UpAsync();
                for (var poll = 0; poll < 20 && await drawn.CountAsync() != links; poll++)
                {
                    await page.WaitForTimeoutAsync(100);
                }

                if (await drawn.CountAsync() == links)
                {
                    return;
                }
            }

            if (attempt == 5)
            {
                throw new InvalidOperationException($"no connection {from}.{outcome} -> {to} after {attempt} drags");
            }

            await page.WaitForTimeoutAsync(300);
        }
    }

    [Fact]
    public async Task TwoHundredActivities_CanvasStaysConnectedAndResponsive()
    {
        var admin = await server.AddAccountAsync("designer", "epb", [AccountRoles.SystemAdmin]);
        using var api = await server.ApiAsync(admin);
        using (var read = await api.GetAsync(new Uri("/api/workflows/assessment-result/draft", UriKind.Relative)))
        {
            using var put = new HttpRequestMessage(HttpMethod.Put, "/api/workflows/assessment-result/draft") { Content = JsonContent.Create(Reduction.Testing.GeneratedDefinitions.Chain("assessment-result", 200)) };
            put.Headers.TryAddWithoutValidation("If-Match", read.Headers.ETag!.Tag);
            using var saved = await api.SendAsync(put);
            Assert.Equal(System.Net.HttpStatusCode.OK, saved.StatusCode);
        }

        var page = await OpenDesignerAsync(admin, "assessment-result");
        var errors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                errors.Add(message.Text);
            }
        };
        await Assertions.Expect(page.Locator(".activity-node")).ToHaveCountAsync(200);
        await page.ClickAsync("[data-action=fit]");
        await Assertions.Expect(page.Locator(".diagram-html-layer")).ToHaveAttributeAsync("style", new System.Text.RegularExpressions.Regex(@"scale\(0\.[0-9]+\)"));
        await Chromium.ScreenshotAsync(page, "designer-200-activities");

        // Still answering: select an activity, rename the workflow, and the save goes through.
        await page.ClickAsync("[data-activity-id=step150] .activity-title", new() { Force = true });
        await Assertions.Expect(page.Locator("[data-testid=properties]")).ToHaveAttributeAsync("data-activity-id", "step150");
        await page.ClickAsync("[data-action=auto-layout]");
        await Assertions.Expect(page.Locator("[data-testid=save-state]")).ToHaveTextAsync("草稿已保存", new() { Timeout = 30_000 });
        Assert.DoesNotContain(errors, e => e.Contains("circuit", StringComparison.OrdinalIgnoreCase) || e.Contains("WebSocket", StringComparison.Ordinal));
        Assert.False(await page.Locator("#components-reconnect-modal").IsVisibleAsync());
        await page.Context.CloseAsync();
    }

    private static async Task<JsonObject> LatestAsync(HttpClient api, string id)
    {
        var history = (await api.GetFromJsonAsync<JsonObject>(new Uri($"/api/workflows/{id}/versions", UriKind.Relative)))!;
        return history["versions"]!.AsArray().First(v => v!["isLatest"]!.GetValue<bool>())!.AsObject();
    }

    private async Task<IPage> OpenDesignerAsync(string user, string workflow) =>
        await OpenPageAsync(user, $"/console/workflows/{workflow}", "[data-testid=designer] .activity-node");

    private async Task<IPage> OpenPageAsync(string user, string path, string ready)
    {
        var page = await server.SignInAsync(_browser!, user, width: 1440);
        await page.GotoAsync(server.Url(path));
        await page.WaitForSelectorAsync(ready);
        return page;
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }
}
