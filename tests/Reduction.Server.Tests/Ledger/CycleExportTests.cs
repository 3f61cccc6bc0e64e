using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Reduction.Domain.Calendar;
using Reduction.Domain.Parties;
using Reduction.Identity.Accounts;
using Reduction.Server.Cycles;
using Reduction.Server.Tests.Api;
using Reduction.Server.Tests.Support;
using Reduction.Testing;
using Reduction.Workflows.Auditing;
using Reduction.Workflows.Definitions;
using Reduction.Workflows.Execution;
using Reduction.Workflows.Simulation;

namespace Reduction.Server.Tests.Ledger;

/// <summary>
/// `GET /api/exports/results` and `…/overview` over HTTP on PostgreSQL. The 2016 cycle runs to its results once for
/// the class: a stand-in `annual-cycle` (correlation key `annual-cycle:2016`) evaluates the prefectures' cases with the
/// workflow's own `EvaluateAssessment` (the stored targets replacing the submitted ones, as in the shipped cycle) and
/// then gives three prefectures a task each, so the year at a glance has cells. 拉萨市 passes with a target from the
/// ledger, 日喀则市 fails NOx 零增长, 那曲's case cannot be read and is held back. The workbooks are read back with the
/// Excel library and compared cell by cell with the instance's variables and the overview API.
/// </summary>
public sealed class CycleExportTests(CycleExportTests.CycleFixture cycle) : IClassFixture<CycleExportTests.CycleFixture>
{
    private const int Year = 2016;

    private const string Password = "Tibet-Staff-2026!";

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private ApiFixture Fixture => cycle.Api;

    private async Task<HttpClient> MemberAsync(string user, string party)
    {
        await TestAccounts.EnsureAsync(Fixture.Factory.Services, user, party, Password, AccountRoles.Member);
        return Fixture.Client(Password, user);
    }

    private static async Task<byte[]> WorkbookAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType!.MediaType);
        return await response.Content.ReadAsByteArrayAsync();
    }

    /// <summary>A sheet's rows as text, header first (numbers as the invariant culture writes them, dates as
    /// yyyy-MM-dd HH:mm, empty cells as null).</summary>
    private static List<string?[]> Sheet(byte[] workbook, string sheet, int columns) =>
        TestWorkbook.Read(workbook, sheet).Select(row => Enumerable.Range(0, columns).Select(i => Cell(row, i)).ToArray()).ToList();

    private static string? Cell(IDictionary<string, object?> row, int index)
    {
        var key = ((char)('A' + index)).ToString();
        return row.TryGetValue(key, out var value) ? value switch
        {
            null => null,
            string { Length: 0 } => null,
            DateTime at => at.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
            double d => d.ToString(CultureInfo.InvariantCulture),
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString(),
        } : null;
    }

    private static string[] Header(string?[] row) => row.Select(v => v ?? string.Empty).ToArray();

    private static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    /// <summary>考核结果 as the variables say it: name, assessed year, verdict in Chinese, findings, failed findings.</summary>
    private static List<string?[]> ExpectedResults(JsonObject variables, Func<string, bool> visible)
    {
        var order = PartyDirectory.LoadDefault().Parties.Select(p => p.Id).ToList();
        var rows = new List<(string Id, string?[] Row)>();
        foreach (var result in variables["results"]!.AsArray().Select(r => r!.AsObject()).Where(r => visible(r["prefecture"]!.GetValue<string>())))
        {
            var findings = result["findings"]!.AsArray();
            rows.Add((result["prefecture"]!.GetValue<string>(),
            [
                result["prefecture_name"]!.GetValue<string>(),
                result["year"]!.GetValue<int>().ToString(CultureInfo.InvariantCulture),
                result["verdict"]!.GetValue<string>() == "pass" ? "合格" : "不合格",
                findings.Count.ToString(CultureInfo.InvariantCulture),
                findings.Count(f => f!["outcome"]!.GetValue<string>() == "failed").ToString(CultureInfo.InvariantCulture),
            ]));
        }

        foreach (var held in variables["results_held"]!.AsArray().Select(r => r!.AsObject()).Where(r => visible(r["prefecture"]!.GetValue<string>())))
        {
            rows.Add((held["prefecture"]!.GetValue<string>(), [held["prefecture_name"]!.GetValue<string>(), (Year - 1).ToString(CultureInfo.InvariantCulture), "暂缓评定", null, null]));
        }

        return rows.OrderBy(r => order.IndexOf(r.Id)).Select(r => r.Row).ToList();
    }

    /// <summary>考核明细 as the variables say it, one row per finding.</summary>
    private static List<string?[]> ExpectedFindings(JsonObject variables, Func<string, bool> visible)
    {
        var order = PartyDirectory.LoadDefault().Parties.Select(p => p.Id).ToList();
        var criteria = new Dictionary<string, string>
        {
            ["pollutant-target"] = "污染物减排目标",
            ["key-project"] = "重点减排项目",
            ["transmission-effective-rate"] = "自动监控数据传输有效率",
            ["self-monitoring-publication-rate"] = "自行监测结果公布率",
            ["supervisory-monitoring-publication-rate"] = "监督性监测结果公布率",
        };
        var outcomes = new Dictionary<string, string> { ["passed"] = "达标", ["failed"] = "未达标", ["notApplicable"] = "不适用" };
        return variables["results"]!.AsArray().Select(r => r!.AsObject())
            .Where(r => visible(r["prefecture"]!.GetValue<string>()))
            .OrderBy(r => order.IndexOf(r["prefecture"]!.GetValue<string>()))
            .SelectMany(r => r["findings"]!.AsArray().Select(f => (string?[])
            [
                r["prefecture_name"]!.GetValue<string>(),
                criteria[f!["criterion"]!.GetValue<string>()],
                Text(f["subject"]),
                null, // 目标类型: checked on its own below
                f["required"]!.GetValue<string>(),
                f["actual"]!.GetValue<string>(),
                outcomes[f["outcome"]!.GetValue<string>()],
                f["basis"]!.GetValue<string>(),
                Text(f["targetSource"]),
                Text(f["note"]),
            ]))
            .ToList();
    }

    private static string?[] WithoutKind(string?[] row) => [.. row[..3], null, .. row[4..]];

    [Fact]
    public async Task ExportResults_Operator_BothSheetsEqualTheCyclesResults_FormattedInChinese_Audited()
    {
        using var epb = Fixture.Client();
        var variables = await cycle.VariablesAsync(epb);

        var workbook = await WorkbookAsync(epb, $"/api/exports/results?year={Year}");

        var results = Sheet(workbook, "考核结果", 6);
        Assert.Equal(["地市", "考核年度", "评定结果", "考核项数", "未达标项数", "评定理由"], Header(results[0]));
        var expected = ExpectedResults(variables, _ => true);
        Assert.Equal(4, expected.Count);
        Assert.Equal(expected, results.Skip(1).Select(r => r[..5]).ToList());
        var byName = results.Skip(1).ToDictionary(r => r[0]!);
        var shigatse = variables["results"]!.AsArray().Single(r => r!["prefecture"]!.GetValue<string>() == "shigatse")!;
        var nox = shigatse["findings"]!.AsArray().Single(f => f!["outcome"]!.GetValue<string>() == "failed")!;
        Assert.Equal($"污染物减排目标（氮氧化物）：实际{nox["actual"]}，要求{nox["required"]}", byName[shigatse["prefecture_name"]!.GetValue<string>()][5]);
        Assert.Equal("各项考核内容均达到要求", byName["拉萨市"][5]);
        var held = variables["results_held"]!.AsArray().Single()!;
        Assert.StartsWith("考核数据无效，暂缓评定：", byName[held["prefecture_name"]!.GetValue<string>()][5], StringComparison.Ordinal);
        Assert.Contains(held["errors"]![0]!["message"]!.GetValue<string>(), byName[held["prefecture_name"]!.GetValue<string>()][5], StringComparison.Ordinal);

        var findings = Sheet(workbook, "考核明细", 10);
        Assert.Equal(["地市", "考核项", "污染物或项目", "目标类型", "考核要求", "实际完成", "是否达标", "考核依据", "目标来源", "说明"], Header(findings[0]));
        Assert.Equal(ExpectedFindings(variables, _ => true), findings.Skip(1).Select(WithoutKind).ToList());
        Assert.Equal("排放总量上限", findings.Single(f => f[0] == "拉萨市" && f[2] == "COD")[3]);
        Assert.Equal("较上年变化率", findings.Single(f => f[0] == shigatse["prefecture_name"]!.GetValue<string>() && f[2] == "NOx")[3]);
        Assert.All(findings.Skip(1).Where(f => f[1] != "污染物减排目标"), f => Assert.Null(f[3]));
        Assert.Equal("达标", findings.Single(f => f[2] == "拉萨市污水处理厂二期")[6]);
        Assert.StartsWith("目标台账第1版（", findings.Single(f => f[0] == "拉萨市" && f[2] == "COD")[8], StringComparison.Ordinal);
        Assert.Equal("地市报送的考核数据", findings.Single(f => f[0] == "拉萨市" && f[2] == "SO2")[8]);

        // Formatted as the ledger's exports: Chinese sheet names, frozen and filtered header rows, sized columns, numbers.
        var book = TestWorkbook.Part(workbook, "xl/workbook.xml");
        Assert.Contains("name=\"考核结果\"", book, StringComparison.Ordinal);
        Assert.Contains("name=\"考核明细\"", book, StringComparison.Ordinal);
        foreach (var part in new[] { "xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml" })
        {
            var sheet = TestWorkbook.Part(workbook, part);
            Assert.Contains("state=\"frozen\"", sheet, StringComparison.Ordinal);
            Assert.Contains("<x:autoFilter", sheet, StringComparison.Ordinal);
            Assert.Contains("width=\"14", sheet, StringComparison.Ordinal);
        }

        Assert.IsType<double>(TestWorkbook.Read(workbook, "考核结果")[1]["B"]);

        var audit = await Fixture.Factory.Services.GetRequiredService<AuditLog>().QueryAsync(new AuditQuery(User: AdminClient.User, Action: "export.results", Take: 100));
        Assert.Contains(audit, e => e.Detail == $"prefecture=* year={Year} rows=4" && e.Outcome == AuditOutcomes.Success);
    }

    [Fact]
    public async Task ExportOverview_Operator_OneRowPerCellEqualToTheOverviewApi_Audited()
    {
        using var epb = Fixture.Client();
        await cycle.VariablesAsync(epb);
        var api = await Eventually.ReturnsAsync(
            async () => (await epb.GetFromJsonAsync<JsonObject>($"/api/cycles/{Year}/overview"))!["cells"]!.AsArray() is { Count: >= 3 } cells ? cells : null,
            Patience,
            "three cells in the overview");

        var workbook = await WorkbookAsync(epb, $"/api/exports/overview?year={Year}");

        var rows = Sheet(workbook, "年度总览", 8);
        Assert.Equal(["单位", "任务", "状态", "期限（北京时间）", "提交时间（北京时间）", "逾期天数", "督办级别", "任务数"], Header(rows[0]));
        var expected = api.Select(c => (string?[])
        [
            c!["partyName"]!.GetValue<string>(),
            c["taskName"]!.GetValue<string>(),
            c["state"]!.GetValue<string>() switch
            {
                "overdue" => $"已逾期 {c["lateBy"]!.GetValue<int>()} 天",
                "open" => "办理中",
                var other => other,
            },
            BeijingTime.ToBeijing(c["due"]!.GetValue<DateTimeOffset>()).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
            c["submittedAt"] is { } at ? BeijingTime.ToBeijing(at.GetValue<DateTimeOffset>()).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) : null,
            c["lateBy"]?.GetValue<int>().ToString(CultureInfo.InvariantCulture),
            c["escalationLevel"]!.GetValue<int>().ToString(CultureInfo.InvariantCulture),
            c["count"]!.GetValue<int>().ToString(CultureInfo.InvariantCulture),
        ]).ToList();
        Assert.Equal(expected, rows.Skip(1).ToList());
        Assert.Equal(["lhasa", "nagqu", "shigatse"], api.Select(c => c!["party"]!.GetValue<string>()).Order().ToArray());
        Assert.All(rows.Skip(1), r => Assert.Equal($"{Year}-04-20 23:59", r[3]));

        var sheet = TestWorkbook.Part(workbook, "xl/worksheets/sheet1.xml");
        Assert.Contains("state=\"frozen\"", sheet, StringComparison.Ordinal);
        Assert.Contains("name=\"年度总览\"", TestWorkbook.Part(workbook, "xl/workbook.xml"), StringComparison.Ordinal);
        Assert.Contains("yyyy-mm-dd hh:mm", TestWorkbook.Part(workbook, "xl/styles.xml"), StringComparison.Ordinal);
        var audit = await Fixture.Factory.Services.GetRequiredService<AuditLog>().QueryAsync(new AuditQuery(User: AdminClient.User, Action: "export.overview", Take: 100));
        Assert.Contains(audit, e => e.Detail == $"prefecture=* year={Year} rows=3");
    }

    [Fact]
    public async Task Export_PrefectureMember_OnlyItsOwnRows_AskingForAnotherGetsNone_DepartmentEvery_Audited()
    {
        using var epb = Fixture.Client();
        var variables = await cycle.VariablesAsync(epb);
        await Eventually.TrueAsync(async () => (await epb.GetFromJsonAsync<JsonObject>($"/api/cycles/{Year}/overview"))!["cells"]!.AsArray().Count >= 3, Patience, "three cells");
        using var lhasa = await MemberAsync("export-lhasa", "lhasa");
        using var drc = await MemberAsync("export-drc", "drc");

        var own = await WorkbookAsync(lhasa, $"/api/exports/results?year={Year}");
        var other = await WorkbookAsync(lhasa, $"/api/exports/results?year={Year}&prefecture=shigatse");
        var overview = await WorkbookAsync(lhasa, $"/api/exports/overview?year={Year}");
        var department = await WorkbookAsync(drc, $"/api/exports/results?year={Year}");
        var narrowed = await WorkbookAsync(epb, $"/api/exports/results?year={Year}&prefecture=日喀则市");

        Assert.Equal(ExpectedResults(variables, id => id == "lhasa"), Sheet(own, "考核结果", 6).Skip(1).Select(r => r[..5]).ToList());
        Assert.Equal(ExpectedFindings(variables, id => id == "lhasa"), Sheet(own, "考核明细", 10).Skip(1).Select(WithoutKind).ToList());
        Assert.All(Sheet(own, "考核明细", 10).Skip(1), r => Assert.Equal("拉萨市", r[0]));
        Assert.Single(Sheet(other, "考核结果", 6));
        Assert.Single(Sheet(other, "考核明细", 10));
        Assert.Equal("拉萨市", Assert.Single(Sheet(overview, "年度总览", 1).Skip(1))[0]);
        Assert.Equal(ExpectedResults(variables, _ => true), Sheet(department, "考核结果", 6).Skip(1).Select(r => r[..5]).ToList());
        Assert.Equal(ExpectedResults(variables, id => id == "shigatse"), Sheet(narrowed, "考核结果", 6).Skip(1).Select(r => r[..5]).ToList());

        var audit = Fixture.Factory.Services.GetRequiredService<AuditLog>();
        var lhasaExports = await audit.QueryAsync(new AuditQuery(User: "export-lhasa", Take: 100));
        Assert.Contains(lhasaExports, e => e.Action == "export.results" && e.Detail == $"prefecture=* year={Year} rows=1");
        Assert.Contains(lhasaExports, e => e.Action == "export.results" && e.Detail == $"prefecture=shigatse year={Year} rows=0");
        Assert.Contains(lhasaExports, e => e.Action == "export.overview" && e.Detail == $"prefecture=* year={Year} rows=1");
    }

    [Fact]
    public async Task Export_NoCycleData_SystemAdmin403_UnboundScopeReadsNothing_UnknownKind404_BadYear400_EmptyYearEmptySheets()
    {
        using var epb = Fixture.Client();
        await cycle.VariablesAsync(epb);
        using var admin = Fixture.Client(AdminClient.Password, ApiFixture.SystemAdminUser);

        using var adminResults = await admin.GetAsync(new Uri($"/api/exports/results?year={Year}", UriKind.Relative));
        using var adminOverview = await admin.GetAsync(new Uri($"/api/exports/overview?year={Year}", UriKind.Relative));
        using var unknown = await epb.GetAsync(new Uri("/api/exports/budget?year=2016", UriKind.Relative));
        using var badYear = await epb.GetAsync(new Uri("/api/exports/results?year=20x6", UriKind.Relative));
        using var badPrefecture = await epb.GetAsync(new Uri("/api/exports/overview?year=2016&prefecture=%E5%8C%97%E4%BA%AC", UriKind.Relative));
        var noCycle = await WorkbookAsync(epb, "/api/exports/results?year=2031");
        var noOverview = await WorkbookAsync(epb, "/api/exports/overview?year=2031");

        Assert.Equal(HttpStatusCode.Forbidden, adminResults.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, adminOverview.StatusCode);
        Assert.Empty(await Fixture.Factory.Services.GetRequiredService<AssessmentResultQueries>().GetAsync(PartyScope.Nothing, Year));
        Assert.Equal(4, (await Fixture.Factory.Services.GetRequiredService<AssessmentResultQueries>().GetAsync(PartyScope.Everything, Year)).Count);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("没有这种导出", await unknown.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("results 或 overview", await unknown.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, badYear.StatusCode);
        Assert.Contains("year 应为", await badYear.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, badPrefecture.StatusCode);
        Assert.Contains("没有地市", await badPrefecture.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Single(Sheet(noCycle, "考核结果", 6));
        Assert.Single(Sheet(noCycle, "考核明细", 10));
        Assert.Single(Sheet(noOverview, "年度总览", 8));
        var audit = await Fixture.Factory.Services.GetRequiredService<AuditLog>().QueryAsync(new AuditQuery(User: AdminClient.User, Action: "export.results", Take: 100));
        Assert.Contains(audit, e => e.Detail == "prefecture=* year=2031 rows=0");
    }

    [Fact]
    public async Task Export_ConsoleCookie_TheSameWorkbooksUnderConsoleWorkbooks()
    {
        using var epb = Fixture.Client();
        await cycle.VariablesAsync(epb);
        using var console = await Fixture.PagesAsync(AdminClient.User);

        var results = await WorkbookAsync(console, $"/console/workbooks/exports/results?year={Year}");
        var overview = await WorkbookAsync(console, $"/console/workbooks/exports/overview?year={Year}");
        using var page = await console.GetAsync(new Uri($"/console/overview?year={Year}", UriKind.Relative));

        Assert.Equal(Sheet(await WorkbookAsync(epb, $"/api/exports/results?year={Year}"), "考核明细", 10), Sheet(results, "考核明细", 10));
        Assert.Equal(4, Sheet(results, "考核结果", 6).Count - 1);
        Assert.True(Sheet(overview, "年度总览", 8).Count > 1);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains($"/console/workbooks/exports/results?year={Year}", html, StringComparison.Ordinal);
        Assert.Contains($"/console/workbooks/exports/overview?year={Year}", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Workbook_TargetKindAndReasons_FromTheContractsTexts()
    {
        var cap = new ResultFinding("pollutant-target", "COD", "900吨", "<= 950吨", "passed", "第六条", null, "地市报送的考核数据");
        var change = new ResultFinding("pollutant-target", "NOx", "+12.50%", "<= 0%", "failed", "第六条", "较上年变化率：上年800吨，本年900吨", null);
        var baseYear = change with { Note = "较基准年变化率：2010年（基准年）800吨，本年900吨" };
        var project = new ResultFinding("key-project", "拉萨市污水处理厂二期", "2014-11-20 投入运行", "2014-12-31 前建成", "passed", "第六条", null, null);

        Assert.Equal(["排放总量上限", "较上年变化率", "较基准年变化率", "—"], new[] { cap, change, baseYear, project }.Select(f => CycleWorkbooks.TargetKindOf(f) ?? "—").ToArray());
        Assert.Equal("污染物减排目标（氮氧化物）：实际+12.50%，要求<= 0%", CycleWorkbooks.Reasons(new PrefectureResult("shigatse", "日喀则市", 2015, "fail", [cap, change, project], [])));
        Assert.Equal("各项考核内容均达到要求", CycleWorkbooks.Reasons(new PrefectureResult("lhasa", "拉萨市", 2015, "pass", [cap, project], [])));
        Assert.Equal("考核数据无效，暂缓评定：pollutants：缺少字段", CycleWorkbooks.Reasons(new PrefectureResult("nagqu", "那曲市", 2015, PrefectureResult.Held, [], [new HeldField("pollutants", "缺少字段")])));
        Assert.Equal(["合格", "不合格", "暂缓评定"], new[] { "pass", "fail", PrefectureResult.Held }.Select(CycleWorkbooks.VerdictName).ToArray());
    }

    /// <summary>The class's server, with the 2016 cycle run to its results once.</summary>
    public sealed class CycleFixture : IAsyncLifetime
    {
        /// <summary>Stands in for the shipped cycle: the evaluation of the prefectures' cases, then a task for three of them.</summary>
        private const string Definition = """
            {
              "id": "annual-cycle",
              "name": "考核周期（导出测试）",
              "variables": [{ "name": "year", "type": "number" }, { "name": "data", "type": "object" }, { "name": "results", "type": "array" }],
              "triggers": [{ "kind": "manual" }],
              "activities": [
                { "id": "start", "type": "Start" },
                { "id": "evaluate", "type": "EvaluateAssessment", "inputs": { "cases": "data", "year": "year - 1", "outputVariable": "results" } },
                { "id": "check", "type": "IssueTask", "inputs": {
                    "taskKind": "self-check",
                    "title": "导出测试任务（{{ assignee_name }}）",
                    "assignees": "['lhasa', 'shigatse', 'nagqu']",
                    "mode": "all",
                    "due": "day:04-20",
                    "receiptTemplate": "",
                    "outputVariable": "answers" } },
                { "id": "end", "type": "End" }
              ],
              "connections": [
                { "from": "start", "outcome": "done", "to": "evaluate" },
                { "from": "evaluate", "outcome": "done", "to": "check" },
                { "from": "check", "outcome": "submitted", "to": "end" }
              ]
            }
            """;

        private Guid _instance;

        public ApiFixture Api { get; } = new();

        public async Task InitializeAsync()
        {
            await Api.InitializeAsync();
            using var epb = Api.Client();

            // 拉萨市's COD target from the responsibility letter, kept in the ledger: it replaces the submitted one.
            var targets = new TestWorkbook("减排目标").Row("地市", "年度", "污染物", "目标类型", "目标值（吨或%）").Row("拉萨市", Year - 1, "COD", "排放总量上限", 950).ToBytes();
            var file = new ByteArrayContent(targets);
            file.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
            using (var stored = await epb.PostAsync(new Uri("/api/imports", UriKind.Relative), new MultipartFormDataContent { { new StringContent("targets"), "kind" }, { file, "file", "目标.xlsx" } }))
            {
                Assert.True(stored.StatusCode == HttpStatusCode.OK, await stored.Content.ReadAsStringAsync());
            }

            var failing = CycleSimulator.PassingCase(Year - 1);
            var nox = failing["pollutants"]!.AsArray().Single(p => p!["code"]!.GetValue<string>() == "NOx")!;
            nox["previousTonnes"] = 800;
            nox["target"] = new JsonObject { ["kind"] = "changeVsPreviousYearPercent", ["value"] = 0 };
            var lhasa = CycleSimulator.PassingCase(Year - 1);
            lhasa["keyProjects"] = new JsonArray(new JsonObject { ["name"] = "拉萨市污水处理厂二期", ["dueDate"] = "2015-12-31", ["status"] = "operating", ["completedOn"] = "2015-11-20" });
            var data = new JsonObject
            {
                ["lhasa"] = lhasa,
                ["shigatse"] = failing,
                ["chamdo"] = CycleSimulator.PassingCase(Year - 1),
                ["nagqu"] = new JsonObject { ["summary"] = "数据未按表填写" },
            };
            var runtime = Api.Factory.Services.GetRequiredService<WorkflowRuntime>();
            await runtime.Definitions.PublishAsync(DefinitionJson.Parse(Definition, "cycle-export-test"));
            _instance = (await runtime.StartAsync("annual-cycle", new JsonObject { ["year"] = Year, ["data"] = data }, CycleStarter.CorrelationKey(Year))).InstanceId;
        }

        /// <summary>The cycle's variables as `GET /api/instances/{id}` gives them, once the results are in.</summary>
        public Task<JsonObject> VariablesAsync(HttpClient client) => Eventually.ReturnsAsync(
            async () => (await client.GetFromJsonAsync<JsonObject>($"/api/instances/{_instance}"))!["variables"] is JsonObject { } variables && variables["results"] is JsonArray { Count: > 0 } ? variables : null,
            Patience,
            "the 2016 cycle's results");

        public Task DisposeAsync() => Api.DisposeAsync();
    }
}
