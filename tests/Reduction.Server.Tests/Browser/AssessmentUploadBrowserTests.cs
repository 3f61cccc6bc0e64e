using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Reduction.Identity.Accounts;
using Reduction.Ledger.Workbooks;
using Reduction.Server.Tests.Answers;
using Reduction.Server.Tests.Operations;
using Reduction.Server.Tests.Support;
using Reduction.Testing;

namespace Reduction.Server.Tests.Browser;

/// <summary>The assessment data typed by one prefecture and uploaded as a workbook by another, in Chromium on the real
/// server: 拉萨市 fills the form of its task page; 日喀则市 downloads its template from its own task page, fills it in
/// with the same figures, is shown every wrong cell of a first try with nothing submitted, and uploads it corrected.
/// The cycle's evaluation then finds the same for both, and both prefectures' figures reach the ledger as the form's.
/// Screenshots: task-upload-1-page.png (with task-upload-1-upload-section.png), task-upload-2-errors.png (with
/// task-upload-2-error-table.png), task-upload-3-receipt.png.</summary>
public sealed class AssessmentUploadBrowserTests(ActionsServer server) : IClassFixture<ActionsServer>, IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public async Task InitializeAsync()
    {
        _playwright = await Playwright.CreateAsync();
        _browser = await Chromium.LaunchAsync(_playwright);
        Assertions.SetDefaultExpectTimeout(20_000);
    }

    [Fact]
    public async Task TypedForm_AndTheEquivalentWorkbookUploadedOnTheTaskPage_TheSameAssessmentFindings()
    {
        var (api, instance, tasks) = await StartAsync();

        // 拉萨市 types its data into the form of its task page.
        var lhasa = await server.SignInAsync(_browser!, await server.AddAccountAsync("member", "lhasa", [AccountRoles.Member]));
        await OpenTaskPageAsync(lhasa, tasks["lhasa"]);
        foreach (var (name, value) in AssessmentDataPageTests.Answer())
        {
            var field = lhasa.Locator($"form[data-form=answer] [name='{name}']");
            if (await field.EvaluateAsync<string>("e => e.tagName") == "SELECT")
            {
                await field.SelectOptionAsync(value);
            }
            else
            {
                await field.FillAsync(value);
            }
        }

        await lhasa.ClickAsync("form[data-form=answer] button.primary");
        await lhasa.WaitForSelectorAsync("h1:text('回执')");

        // 日喀则市 takes the workbook instead: its template, from its own task page through the link.
        var shigatse = await server.SignInAsync(_browser!, await server.AddAccountAsync("member", "shigatse", [AccountRoles.Member]));
        await OpenTaskPageAsync(shigatse, tasks["shigatse"]);
        var upload = shigatse.Locator("[data-testid=workbook-upload]");
        await Assertions.Expect(upload.Locator("a[data-action=template]")).ToHaveTextAsync("下载考核数据模板（2014 年度，日喀则市）");
        await upload.ScrollIntoViewIfNeededAsync();
        await Chromium.ScreenshotAsync(shigatse, "task-upload-1-page");
        await Chromium.ScreenshotAsync(upload, "task-upload-1-upload-section");
        var download = await shigatse.RunAndWaitForDownloadAsync(() => upload.Locator("a[data-action=template]").ClickAsync());
        Assert.Equal("考核数据-2014-日喀则市.xlsx", download.SuggestedFilename);
        var template = await File.ReadAllBytesAsync((await download.PathAsync())!);

        // A first try with two slips: a row of 拉萨市 copied in, and a figure in 万吨. Every wrong cell is listed,
        // nothing is submitted.
        var slips = Fill(template, "日喀则市");
        slips.Emissions[1][0] = "拉萨市";
        slips.Emissions[2][4] = "0.52万吨";
        await UploadAsync(shigatse, slips.ToBytes(), "日喀则市考核数据.xlsx");
        var errors = shigatse.Locator("[data-testid=workbook-errors]");
        await Assertions.Expect(errors).ToContainTextAsync("只能包含本单位（日喀则市）的数据");
        await Assertions.Expect(errors.Locator("tr[data-cell='排放量!A2']")).ToContainTextAsync("拉萨市");
        await Assertions.Expect(errors.Locator("tr[data-cell='排放量!E3']")).ToContainTextAsync("请换算为 5200 吨");
        await Assertions.Expect(shigatse.Locator("p.notice.error")).ToContainTextAsync("上传的工作簿有 2 处错误，没有提交");
        await Chromium.ScreenshotAsync(shigatse, "task-upload-2-errors");
        await Chromium.ScreenshotAsync(shigatse.Locator("[data-testid=workbook-upload]"), "task-upload-2-error-table");
        using (var pending = await api.GetAsync(new Uri($"/api/tasks/{tasks["shigatse"]}", UriKind.Relative)))
        {
            Assert.Empty((await pending.Content.ReadFromJsonAsync<JsonObject>())!["submissions"]!.AsArray());
        }

        // Corrected, the same workbook goes through.
        await UploadAsync(shigatse, Fill(template, "日喀则市").ToBytes(), "日喀则市考核数据.xlsx");
        await shigatse.WaitForSelectorAsync("h1:text('回执')");
        await Assertions.Expect(shigatse.Locator("main")).ToContainTextAsync("已收到日喀则市报送的");
        await Chromium.ScreenshotAsync(shigatse, "task-upload-3-receipt");

        // The cycle's evaluation: the same findings for the typed form and the uploaded workbook.
        var results = await Eventually.ReturnsAsync(async () =>
        {
            var variables = (await api.GetFromJsonAsync<JsonObject>(new Uri($"/api/instances/{instance}", UriKind.Relative)))!["variables"]!;
            return variables["results"] is JsonArray { Count: 2 } list ? list : null;
        }, Patience, "the assessment evaluated");
        JsonNode Findings(string prefecture) => results.Single(r => r!["prefecture"]!.GetValue<string>() == prefecture)!["findings"]!;
        Assert.NotEmpty(Findings("lhasa").AsArray());
        Assert.Equal(Findings("lhasa").ToJsonString(), Findings("shigatse").ToJsonString());
        Assert.Equal(
            results.Single(r => r!["prefecture"]!.GetValue<string>() == "lhasa")!["verdict"]!.GetValue<string>(),
            results.Single(r => r!["prefecture"]!.GetValue<string>() == "shigatse")!["verdict"]!.GetValue<string>());

        // And the ledger has both prefectures' figures from the accepted data, the same way.
        var ledger = await Eventually.ReturnsAsync(async () =>
        {
            var entries = (await api.GetFromJsonAsync<JsonObject>(new Uri("/api/ledger?year=2014", UriKind.Relative)))!["entries"]!.AsArray();
            return entries.Count(e => e!["prefecture"]!.GetValue<string>() is "lhasa" or "shigatse") == 30 ? entries : null;
        }, Patience, "the figures in the ledger");
        string Figures(string prefecture) => string.Join(";", ledger.Where(e => e!["prefecture"]!.GetValue<string>() == prefecture)
            .Select(e => $"{e!["pollutant"]}/{e["sector"]}={e["tonnes"]!.GetValue<decimal>():0.####}/{e["source"]}").Order(StringComparer.Ordinal));
        Assert.Equal(Figures("lhasa"), Figures("shigatse"));
        Assert.Contains("COD/industrial=3150/form", Figures("shigatse"), StringComparison.Ordinal);

        await lhasa.Context.CloseAsync();
        await shigatse.Context.CloseAsync();
        api.Dispose();
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }

    /// <summary>A definition of the test's own: the assessment data of 拉萨市 and 日喀则市 for 2014, then the evaluation.</summary>
    private async Task<(HttpClient Api, string Instance, Dictionary<string, string> Tasks)> StartAsync()
    {
        var admin = await server.AddAccountAsync("designer", "epb", [AccountRoles.SystemAdmin]);
        using var adminApi = await server.ApiAsync(admin);
        var id = "upload-" + Guid.NewGuid().ToString("N")[..6];
        var definition = JsonNode.Parse($$$"""
            {
              "id": "{{{id}}}", "name": "考核数据（Excel 报送）", "variables": [{ "name": "year", "type": "number", "default": 2015 }, { "name": "data", "type": "object" }, { "name": "results", "type": "array" }],
              "triggers": [{ "kind": "manual" }],
              "activities": [
                { "id": "start", "type": "Start" },
                { "id": "data", "type": "IssueTask", "inputs": {
                    "taskKind": "assessment-data", "title": "{{ year - 1 }}年度主要污染物总量减排考核数据（{{ assignee_name }}）",
                    "assignees": "['lhasa', 'shigatse']", "mode": "all", "due": "day:03-31", "outputVariable": "data" } },
                { "id": "evaluate", "type": "EvaluateAssessment", "inputs": { "cases": "data", "year": "year - 1", "outputVariable": "results" } },
                { "id": "end", "type": "End" }
              ],
              "connections": [
                { "from": "start", "outcome": "done", "to": "data" },
                { "from": "data", "outcome": "submitted", "to": "evaluate" },
                { "from": "evaluate", "outcome": "done", "to": "end" }
              ]
            }
            """)!;
        using (var created = await adminApi.PostAsJsonAsync("/api/workflows", definition))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        using (var published = await adminApi.PostAsJsonAsync($"/api/workflows/{id}/publish", new { note = "Excel 报送测试" }))
        {
            Assert.True(published.IsSuccessStatusCode, await published.Content.ReadAsStringAsync());
        }

        var api = await server.ApiAsync(await server.AddAccountAsync("operator", "epb", [AccountRoles.Operator]));
        using var started = await api.PostAsJsonAsync($"/api/workflows/{id}/instances", new { variables = new { year = 2015 } });
        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        var instance = (await started.Content.ReadFromJsonAsync<JsonObject>())!["instanceId"]!.GetValue<string>();
        var list = await Eventually.ReturnsAsync(async () =>
        {
            var found = (await api.GetFromJsonAsync<JsonArray>(new Uri($"/api/tasks?instance={instance}", UriKind.Relative)))!;
            return found.Count == 2 ? found : null;
        }, Patience, "both tasks issued");
        return (api, instance, list.ToDictionary(t => t!["assigneePartyId"]!.GetValue<string>(), t => t!["id"]!.GetValue<string>()));
    }

    /// <summary>The console sends a prefecture's member to its task page, the page of the e-mail link.</summary>
    private async Task OpenTaskPageAsync(IPage page, string taskId)
    {
        await page.GotoAsync(server.Url($"/console/tasks/{taskId}/answer"));
        await page.WaitForURLAsync(url => url.Contains("/t/", StringComparison.Ordinal));
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("2014年度主要污染物总量减排考核数据");
    }

    private static async Task UploadAsync(IPage page, byte[] workbook, string name)
    {
        var form = page.Locator("form[data-form=upload]");
        await form.Locator("input[name=workbook]").SetInputFilesAsync(new FilePayload { Name = name, MimeType = WorkbookKinds.ContentType, Buffer = workbook });
        await form.Locator("input[name='contact.name']").FillAsync("次仁");
        await form.Locator("input[name='contact.phone']").FillAsync("0892-8820000");
        await form.Locator("button[data-action=upload]").ClickAsync();
        await page.WaitForLoadStateAsync(LoadState.DOMContentLoaded);
    }

    /// <summary>The downloaded template filled in as a person would: its own rows kept as they are (the prefecture and
    /// year it names), the figures of <see cref="SampleAssessmentWorkbook"/> typed into them by pollutant and sector,
    /// target, indicator; the project written on the first row left for it.</summary>
    private static SampleAssessmentWorkbook Fill(byte[] template, string prefecture)
    {
        var sample = SampleAssessmentWorkbook.Lhasa2014(prefecture);
        var filled = SampleAssessmentWorkbook.Lhasa2014(prefecture);
        List<object?[]> Rows(string sheet) => TestWorkbook.Read(template, sheet).Select(r => r.Values.ToArray()).ToList();
        object? Lookup(List<object?[]> rows, int keyColumns, object?[] row, int column) =>
            rows.Single(r => r.Take(keyColumns).Select(c => c?.ToString()).SequenceEqual(row.Take(keyColumns).Select(c => c?.ToString())))[column];

        filled.Emissions.Clear();
        filled.Emissions.AddRange(Rows(AssessmentDataSheets.Emissions).Select((r, i) => i == 0 ? r : [.. r[..4], Lookup(sample.Emissions, 4, r, 4)]));
        filled.Targets.Clear();
        filled.Targets.AddRange(Rows(AssessmentDataSheets.Targets).Select((r, i) => i == 0 ? r : [.. r[..3], .. sample.Targets.Single(t => Equals(t[2], r[2]))[3..]]));
        filled.Monitoring.Clear();
        filled.Monitoring.AddRange(Rows(AssessmentDataSheets.Monitoring).Select((r, i) => i == 0 ? r : [.. r[..3], Lookup(sample.Monitoring, 3, r, 3)]));
        var projects = Rows(AssessmentDataSheets.Projects);
        projects[1] = sample.Projects[1];
        filled.Projects.Clear();
        filled.Projects.AddRange(projects);
        return filled;
    }
}
