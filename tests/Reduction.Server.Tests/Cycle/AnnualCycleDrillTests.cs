using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Reduction.Domain.Parties;
using Reduction.Server.Tests.Answers;
using Reduction.Server.Tests.Browser;
using Reduction.Server.Tests.Support;
using Reduction.Testing;
using Reduction.Workflows.Persistence;
using Reduction.Workflows.Simulation;
using Xunit.Abstractions;

namespace Reduction.Server.Tests.Cycle;

/// <summary>The 2015 assessment cycle end to end, compressed on the drill clock: the shipped workflows in the real
/// server process (PostgreSQL, Hangfire, SMTP to smtp4dev), the clock moved from one deadline to the next through
/// `POST /api/clock/advance`. 拉萨市 files its plan on time through the e-mailed link in Chromium; 那曲地区 files it
/// the same way after its overdue notice; 阿里地区 never answers (reminders, overdue, escalation to supervision and the
/// government, its data handed to the EPB); 日喀则市 files data failing NOx 零增长 and is vetoed. Everyone else answers
/// promptly through the API. Checks the notices received (by recipient, template, subject and date), the verdicts and
/// the sanctions other systems see. Screenshots go to artifacts/test-results/screenshots.</summary>
public sealed class AnnualCycleDrillTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string OnTime = "lhasa";
    private const string Late = "nagqu";
    private const string Silent = "ngari";
    private const string Failing = "shigatse";

    /// <summary>Each step waits at most this long for the server (a loaded machine shared with other tests).</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    private static readonly string[] Prefectures = ["lhasa", "shigatse", "chamdo", "nyingchi", "shannan", "nagqu", "ngari"];

    private static readonly string[] Departments = ["public-security", "agriculture", "statistics"];

    private static readonly string[] Reviewers = ["epb", "drc", "supervision", "public-security", "agriculture", "statistics"];

    private static readonly string[] SanctionKinds = ["awards-bar", "eia-suspension", "fund-suspension", "honours-revocation"];

    private readonly PostgresServer _postgres = new();
    private readonly string _domain = $"c{Guid.NewGuid():N}"[..9] + ".example.gov.cn";
    private readonly string _folder = Directory.CreateTempSubdirectory("reduction-cycle-").FullName;
    private readonly Stopwatch _watch = new();
    private Smtp4dev? _smtp;
    private ServerProcess? _server;
    private DrillDatabase? _database;
    private AdminClient? _admin;
    private Mailbox? _mail;
    private JsonObject? _health;

    private AdminClient Admin => _admin!;

    private Mailbox Mail => _mail!;

    public async Task InitializeAsync()
    {
        _watch.Start();
        await _postgres.InitializeAsync();
        var connectionString = await _postgres.CreateDatabaseAsync();
        await TestAccounts.EnsureOperatorAsync(connectionString);
        _database = new DrillDatabase(connectionString);
        _smtp = await Smtp4dev.StartAsync(AnswerFixture.RepositoryRoot());
        _mail = new Mailbox(_smtp.ApiAddress, _domain);
        var contacts = Path.Combine(_folder, "contacts.json");
        await File.WriteAllTextAsync(contacts, new JsonObject
        {
            ["contacts"] = new JsonArray(PartyDirectory.LoadDefault().Parties
                .Select(p => (JsonNode?)new JsonObject { ["party"] = p.Id, ["email"] = $"{p.Id}@{_domain}", ["admin"] = p.Id == "epb" }).ToArray()),
        }.ToJsonString());
        var environment = ServerSettings.For(connectionString, Path.Combine(AnswerFixture.RepositoryRoot(), "workflows"));
        environment["Clock__Start"] = "2015-01-05T08:00:00+08:00";
        environment["Notifications__Smtp__Host"] = _smtp.Host;
        environment["Notifications__Smtp__Port"] = _smtp.Port.ToString(CultureInfo.InvariantCulture);
        environment["Notifications__Smtp__Security"] = "None";
        environment["Notifications__Smtp__From"] = "noreply@hbt.xizang.example.gov.cn";
        environment["Notifications__ContactsFile"] = contacts;
        environment["Notifications__Delivery__SweepInterval"] = "00:00:01";
        _server = new ServerProcess("cycle", environment);
        _health = await _server.StartAsync();
        _admin = new AdminClient(_server.BaseAddress);
    }

    [Fact]
    public async Task AnnualCycle2015_CompressedOnTheDrillClock_NoticesEscalationsVerdictsAndSanctions()
    {
        // The server runs on the drill clock from 2015-01-05 08:00, and says so.
        Assert.Equal("drill", _health!["clock"]!.GetValue<string>());
        var clock = await Admin.GetJsonAsync("/api/clock");
        Assert.Equal("drill", clock["mode"]!.GetValue<string>());
        Assert.InRange(clock["now"]!.GetValue<DateTimeOffset>(), At(1, 5, 8, 0, 0), At(1, 5, 8, 59, 0));

        // 5 January 09:00: the yearly trigger starts the 2015 cycle; the EPB's self-check report.
        await AdvanceAsync(At(1, 5, 9, 0, 5), "the yearly trigger");
        var cycleId = await Eventually.ReturnsAsync(async () =>
            (await Admin.GetJsonAsync("/api/instances?definition=annual-cycle")).AsArray()
                .FirstOrDefault(i => i!["correlationKey"]?.GetValue<string>() == "annual-cycle:2015")?["id"]?.GetValue<string>(),
            Patience, "annual-cycle:2015 started by its cron trigger");
        var selfCheck = await OpenTaskAsync("self-check", "epb");
        await Mail.WaitForAsync("epb", "task-issued", 1, "self-check issued to the EPB", Patience);
        await CompleteAsync(selfCheck, Report("2014年度全区主要污染物总量减排自查报告"), "epb");
        await SettleAsync("self-check answered");

        // 16 February 09:00: the annual plans, one task per prefecture.
        await AdvanceAsync(At(2, 16, 9, 0, 5), "annual plans");
        var issued = await Mail.WaitForAsync(m => m.Template == "task-issued" && m.Subject.Contains("2015年度主要污染物总量减排计划和实施方案", StringComparison.Ordinal), 7, "seven plan tasks issued", Patience);
        Assert.Equal(Prefectures.Select(Mail.Address).Order(), issued.SelectMany(m => m.To).Order());

        using var playwright = await Playwright.CreateAsync();
        await using var chromium = await Chromium.LaunchAsync(playwright);

        // 拉萨市 answers through its link, on time.
        await AnswerPlanInBrowserAsync(chromium, OnTime, "拉萨市", late: false);
        foreach (var prefecture in new[] { "shigatse", "chamdo", "nyingchi", "shannan" })
        {
            await CompleteAsync(await OpenTaskAsync("annual-plan", prefecture), PlanData(prefecture), prefecture);
        }

        await AcceptPlanReviewsAsync(5);
        await SettleAsync("five plans filed and accepted");

        // 2 March 09:00, ten working days before 15 March: the first reminder, to the two that have not filed.
        await AdvanceAsync(At(3, 2, 9, 0, 5), "first plan reminder");
        await Mail.WaitForAsync(Late, "reminder", 1, "那曲地区 reminded", Patience);
        await Mail.WaitForAsync(Silent, "reminder", 1, "阿里地区 reminded", Patience);
        await SettleAsync("first reminders");

        // 16 March 00:00: the plan is overdue (after the reminders of 11 and 14 March).
        await AdvanceAsync(At(3, 16, 0, 0, 5), "plan deadline passed");
        await Mail.WaitForAsync(Late, "overdue", 1, "那曲地区 overdue", Patience);
        await Mail.WaitForAsync(Silent, "overdue", 1, "阿里地区 overdue", Patience);
        await SettleAsync("plans overdue");

        // 那曲地区 answers through its link after the overdue notice: late.
        await AnswerPlanInBrowserAsync(chromium, Late, "那曲地区", late: true);
        await AcceptPlanReviewsAsync(1);
        await SettleAsync("那曲地区's late plan accepted");

        // 16 March 09:00: the 2014 data, per prefecture and from three departments.
        await AdvanceAsync(At(3, 16, 9, 0, 5), "data tasks");
        foreach (var prefecture in Prefectures.Where(p => p != Silent))
        {
            var data = FormShapes.AssessmentData(prefecture == Failing ? FailingCase() : CycleSimulator.PassingCase(2014));
            await CompleteAsync(await OpenTaskAsync("assessment-data", prefecture), data, prefecture);
        }

        foreach (var department in Departments)
        {
            await CompleteAsync(await OpenTaskAsync("department-data", department), Report("2014年度减排核算数据"), department);
        }

        await SettleAsync("data filed by all but 阿里地区");

        // 阿里地区's plan: 3 working days after 15 March to supervision, 8 to the government.
        await AdvanceAsync(At(3, 18, 9, 0, 5), "plan escalation to supervision");
        await Mail.WaitForAsync(m => m.Template == "escalation" && m.IsTo(Mail.Address("supervision")), 1, "plan escalated to supervision", Patience);
        await SettleAsync("plan escalated to supervision");
        await AdvanceAsync(At(3, 25, 9, 0, 5), "plan escalation to the government");
        await Mail.WaitForAsync(m => m.Template == "escalation" && m.IsTo(Mail.Address("government")), 1, "plan escalated to the government", Patience);
        await SettleAsync("plan escalated to the government");

        // 阿里地区's data: overdue on 1 April, supervision on 3 April, the government and the EPB on 8 April.
        await AdvanceAsync(At(4, 1, 0, 0, 5), "data deadline passed");
        await Mail.WaitForAsync(m => m.Template == "overdue" && m.IsTo(Mail.Address(Silent)) && m.Subject.Contains("考核数据", StringComparison.Ordinal), 1, "阿里地区's data overdue", Patience);
        await SettleAsync("data overdue");
        await AdvanceAsync(At(4, 3, 9, 0, 5), "data escalation to supervision");
        await Mail.WaitForAsync(m => m.Template == "escalation" && m.IsTo(Mail.Address("supervision")), 2, "data escalated to supervision", Patience);
        await SettleAsync("data escalated to supervision");
        await AdvanceAsync(At(4, 8, 9, 0, 5), "data escalation to the government, task handed to the EPB");
        await Mail.WaitForAsync(m => m.Template == "escalation" && m.IsTo(Mail.Address("government")), 2, "data escalated to the government", Patience);

        // The EPB fills in 阿里地区's data (a passing case) under the task's new assignment.
        var handedOver = await OpenTaskAsync("assessment-data", "epb");
        Assert.Contains("阿里地区", handedOver["title"]!.GetValue<string>(), StringComparison.Ordinal);
        var handedOverIssued = Assert.Single(await Mail.WaitForAsync(m => m.Template == "task-issued" && m.IsTo(Mail.Address("epb")) && m.Subject.Contains("考核数据（阿里地区）", StringComparison.Ordinal), 1, "handed-over data task issued to the EPB", Patience));
        Assert.Equal("关于报送2014年度主要污染物总量减排考核数据（阿里地区）的通知", handedOverIssued.Subject);
        Assert.Equal(new DateOnly(2015, 4, 8), handedOverIssued.Day);
        Assert.Matches(Chromium.TaskLink(), handedOverIssued.Text);
        await CompleteAsync(handedOver, FormShapes.AssessmentData(CycleSimulator.PassingCase(2014)), "epb");

        // Evaluation, then the six departments' countersign review.
        foreach (var reviewer in Reviewers)
        {
            await CompleteAsync(await OpenTaskAsync("department-review", reviewer), new JsonObject { ["decision"] = "agree" }, reviewer);
        }

        // The government approves: results, funding priority for the six that passed, the veto for 日喀则市.
        var approval = await OpenTaskAsync("government-approval", "government");
        await Mail.WaitForAsync("government", "approval-request", 1, "approval requested", Patience);
        await CompleteAsync(approval, new JsonObject { ["decision"] = "approve", ["comments"] = "同意" }, "government");
        var measures = await OpenTaskAsync("supervision-measures", "supervision");
        Assert.Contains("日喀则市", measures["title"]!.GetValue<string>(), StringComparison.Ordinal);
        await CompleteAsync(measures, Report("已对日喀则市有关责任人员通报批评、约谈、诫勉谈话"), "supervision");
        await SettleAsync("results announced");
        Output($"cycle done after {_watch.Elapsed.TotalSeconds:0} s; {Mail.All.Count} messages");

        await AssertVerdictsAsync(cycleId);
        await AssertDashboardAsync();
        await AssertSanctionsAsync();
        await AssertNoticesAsync();
        await AssertStateAsync(cycleId);
    }

    /// <summary>日喀则市 fails on NOx 零增长 (+0.001%), everyone else passes; the findings say why.</summary>
    private async Task AssertVerdictsAsync(string cycleId)
    {
        var cycle = await Admin.GetJsonAsync($"/api/instances/{cycleId}");
        var results = cycle["variables"]!["results"]!.AsArray().Select(r => r!.AsObject()).ToList();
        Assert.Equal(Prefectures.Order(), results.Select(r => r["prefecture"]!.GetValue<string>()).Order());
        foreach (var result in results)
        {
            var prefecture = result["prefecture"]!.GetValue<string>();
            Assert.Equal(prefecture == Failing ? "fail" : "pass", result["verdict"]!.GetValue<string>());
        }

        var failed = results.Single(r => r["prefecture"]!.GetValue<string>() == Failing)["findings"]!.AsArray()
            .Where(f => f!["outcome"]!.GetValue<string>() == "failed").ToList();
        var finding = Assert.Single(failed);
        Assert.Equal("pollutant-target", finding!["criterion"]!.GetValue<string>());
        Assert.Equal("NOx", finding["subject"]!.GetValue<string>());
    }

    /// <summary>The dashboard (`GET /api/dashboard` and the map's SVG) colours every prefecture as `reduction assess`
    /// decides on the very cases the prefectures filed: the engine's results and the program agree on the map.</summary>
    private async Task AssertDashboardAsync()
    {
        var parties = PartyDirectory.LoadDefault();
        var cases = new JsonArray(Prefectures.Select(p =>
        {
            var item = p == Failing ? FailingCase() : CycleSimulator.PassingCase(2014);
            item["prefecture"] = parties.GetById(p).NameOn(new DateOnly(2014, 12, 31)).Name;
            item["year"] = 2014;
            return (JsonNode?)item;
        }).ToArray());
        var expected = (await ReductionCli.AssessAsync(cases))["results"]!.AsArray()
            .ToDictionary(r => r!["prefectureId"]!.GetValue<string>(), r => r!["verdict"]!.GetValue<string>());
        var dashboard = await Admin.GetJsonAsync("/api/dashboard?year=2014");
        var shown = dashboard["verdicts"]!.AsArray().ToDictionary(v => v!["prefecture"]!.GetValue<string>(), v => v!["verdict"]!.GetValue<string>());
        Assert.Equal(expected.OrderBy(v => v.Key, StringComparer.Ordinal), shown.OrderBy(v => v.Key, StringComparer.Ordinal));
        Assert.Equal("fail", shown[Failing]);

        using var map = await Admin.Http.GetAsync(new Uri("/api/dashboard/charts/map.svg?year=2014", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, map.StatusCode);
        var fills = System.Xml.Linq.XDocument.Parse(await map.Content.ReadAsStringAsync()).Descendants()
            .Where(e => e.Name.LocalName == "path" && e.Attribute("data-prefecture") is not null)
            .ToDictionary(e => (string)e.Attribute("data-prefecture")!, e => (string)e.Attribute("fill")!);
        Assert.Equal(expected.ToDictionary(v => v.Key, v => Reduction.Server.Dashboards.VerdictMap.Colour(v.Value)).OrderBy(v => v.Key, StringComparer.Ordinal), fills.OrderBy(v => v.Key, StringComparer.Ordinal));
    }

    /// <summary>`GET /api/sanctions`: the four veto sanctions of 日喀则市 from the approval day (8 April), none the day
    /// before, none for anyone else.</summary>
    private async Task AssertSanctionsAsync()
    {
        var vetoed = await SanctionsAsync("日喀则市", "2015-04-08");
        Assert.Equal("shigatse", vetoed["prefectureId"]!.GetValue<string>());
        Assert.True(vetoed["eiaSuspended"]!.GetValue<bool>());
        var sanctions = vetoed["sanctions"]!.AsArray().Select(s => s!.AsObject()).ToList();
        Assert.Equal(SanctionKinds, sanctions.Select(s => s["kind"]!.GetValue<string>()).Order());
        Assert.All(sanctions, s =>
        {
            Assert.Equal("2015-04-08", s["from"]!.GetValue<string>());
            Assert.Null(s["until"]);
            Assert.Equal(2014, s["assessedYear"]!.GetValue<int>());
        });

        Assert.Equal(4, (await SanctionsAsync("日喀则地区", "2015-12-31"))["sanctions"]!.AsArray().Count);
        var before = await SanctionsAsync("日喀则市", "2015-04-07");
        Assert.Empty(before["sanctions"]!.AsArray());
        Assert.False(before["eiaSuspended"]!.GetValue<bool>());
        foreach (var name in new[] { "拉萨市", "昌都市", "林芝市", "山南地区", "那曲地区", "阿里地区" })
        {
            var clean = await SanctionsAsync(name, "2015-04-08");
            Assert.Empty(clean["sanctions"]!.AsArray());
            Assert.False(clean["eiaSuspended"]!.GetValue<bool>());
        }
    }

    /// <summary>What reached smtp4dev, by recipient and template, with the dates the drill clock gave them.</summary>
    private async Task AssertNoticesAsync()
    {
        await Mail.RefreshAsync();
        var all = Mail.All;
        Output("notices received:\n" + Mail.Describe());
        IEnumerable<Mail> Of(string template) => all.Where(m => m.Template == template);
        string To(string party) => Mail.Address(party);

        // Every notice bears a date of the drill year (the workflow's time when it was queued), never the real date,
        // and every numbered one a 2015 document number.
        Assert.All(all, m => Assert.Equal(2015, m.Day.Year));
        Assert.All(all.Where(m => m.Number is not null), m => Assert.Contains("〔2015〕", m.Number, StringComparison.Ordinal));
        Assert.Empty(Of("delivery-failed"));

        // Plan tasks: one notice to each prefecture, with its name on 16 February (林芝 was still a 地区).
        var names = new Dictionary<string, string>
        {
            ["lhasa"] = "拉萨市",
            ["shigatse"] = "日喀则市",
            ["chamdo"] = "昌都市",
            ["nyingchi"] = "林芝地区",
            ["shannan"] = "山南地区",
            ["nagqu"] = "那曲地区",
            ["ngari"] = "阿里地区",
        };
        foreach (var (party, name) in names)
        {
            var planIssued = Assert.Single(Of("task-issued"), m => m.IsTo(To(party)) && m.Subject.Contains("2015年度", StringComparison.Ordinal));
            Assert.Equal($"关于报送2015年度主要污染物总量减排计划和实施方案（{name}）的通知", planIssued.Subject);
            Assert.Equal(new DateOnly(2015, 2, 16), planIssued.Day);
        }

        // Reminders (10 and 3 working days and 1 day before 15 March) only to the two that had not filed; the data
        // reminders (5 working days and 1 day before 31 March) only to 阿里地区.
        foreach (var party in new[] { Late, Silent })
        {
            var reminders = Of("reminder").Where(m => m.IsTo(To(party)) && m.Subject.Contains("减排计划", StringComparison.Ordinal)).ToList();
            Assert.Equal(3, reminders.Count);
            Assert.Equal(new DateOnly(2015, 3, 2), reminders[0].Day);
            Assert.All(reminders, m => Assert.Equal($"关于按期报送2015年度主要污染物总量减排计划和实施方案（{names[party]}）的提醒函", m.Subject));
        }

        Assert.Equal(2, Of("reminder").Count(m => m.IsTo(To(Silent)) && m.Subject.Contains("2014年度主要污染物总量减排考核数据（阿里地区）", StringComparison.Ordinal)));
        Assert.Equal(8, Of("reminder").Count());

        // Overdue notices: the two plans on 16 March and 阿里地区's data on 1 April, each to the prefecture with the EPB copied.
        var overdue = Of("overdue").ToList();
        Assert.Equal(3, overdue.Count);
        Assert.Contains(overdue, m => m.IsTo(To(Late)) && m.IsCc(To("epb")) && m.Day == new DateOnly(2015, 3, 16) && m.Subject == "关于2015年度主要污染物总量减排计划和实施方案（那曲地区）逾期未报送的催报函");
        Assert.Contains(overdue, m => m.IsTo(To(Silent)) && m.IsCc(To("epb")) && m.Day == new DateOnly(2015, 3, 16) && m.Subject.Contains("减排计划", StringComparison.Ordinal));
        Assert.Contains(overdue, m => m.IsTo(To(Silent)) && m.IsCc(To("epb")) && m.Day == new DateOnly(2015, 4, 1) && m.Subject.Contains("考核数据", StringComparison.Ordinal));

        // Escalations: only about 阿里地区, to supervision (3 working days late) and then to the government (8 for the plan,
        // 5 for the data), to them alone. 那曲地区 answered before its plan's escalation was due.
        var escalations = Of("escalation").ToList();
        Assert.Equal(4, escalations.Count);
        Assert.All(escalations, m =>
        {
            Assert.StartsWith("关于阿里地区逾期未报送", m.Subject, StringComparison.Ordinal);
            Assert.Single(m.To);
            Assert.Empty(m.Cc);
        });
        const string PlanEscalation = "关于阿里地区逾期未报送年度主要污染物总量减排计划的督办函";
        const string DataEscalation = "关于阿里地区逾期未报送上年度主要污染物总量减排考核数据的督办函";
        Assert.Contains(escalations, m => m.Subject == PlanEscalation && m.IsTo(To("supervision")) && m.Day == new DateOnly(2015, 3, 18));
        Assert.Contains(escalations, m => m.Subject == PlanEscalation && m.IsTo(To("government")) && m.Day == new DateOnly(2015, 3, 25));
        Assert.Contains(escalations, m => m.Subject == DataEscalation && m.IsTo(To("supervision")) && m.Day == new DateOnly(2015, 4, 3));
        Assert.Contains(escalations, m => m.Subject == DataEscalation && m.IsTo(To("government")) && m.Day == new DateOnly(2015, 4, 8));

        // Receipts: 拉萨市's plan on time, 那曲地区's late, both copied to the EPB and the DRC; none for 阿里地区.
        var onTime = Assert.Single(Of("receipt"), m => m.IsTo(To(OnTime)) && m.Subject.Contains("减排计划", StringComparison.Ordinal));
        Assert.Equal("关于收到2015年度主要污染物总量减排计划和实施方案（拉萨市）的回执", onTime.Subject);
        Assert.True(onTime.IsCc(To("epb")) && onTime.IsCc(To("drc")), onTime.ToString());
        Assert.Contains("在报送期限内", onTime.Text, StringComparison.Ordinal);
        var late = Assert.Single(Of("receipt"), m => m.IsTo(To(Late)) && m.Subject.Contains("减排计划", StringComparison.Ordinal));
        Assert.Contains("该材料为逾期报送", late.Text, StringComparison.Ordinal);
        Assert.Equal(new DateOnly(2015, 3, 16), late.Day);
        Assert.DoesNotContain(Of("receipt"), m => m.IsTo(To(Silent)));

        // The approval request to the government, then a result for every prefecture, each under its name on the
        // notice's date (林芝市 since 16 March 2015, though 林芝地区 in the assessed year).
        Assert.Single(Of("approval-request"), m => m.IsTo(To("government")) && m.Subject == "关于2014年度各地（市）主要污染物总量减排考核结果的请示");
        var results = Of("result").ToList();
        Assert.Equal(7, results.Count);
        foreach (var (party, name) in names)
        {
            var result = Assert.Single(results, m => m.IsTo(To(party)));
            Assert.Equal($"关于{(party == "nyingchi" ? "林芝市" : name)}2014年度主要污染物总量减排考核结果的通知", result.Subject);
            Assert.Equal(new DateOnly(2015, 4, 8), result.Day);
            Assert.Contains(party == Failing ? "考核结果为不合格" : "考核结果为合格", result.Text, StringComparison.Ordinal);
        }

        Assert.Contains("污染物减排目标（氮氧化物）", Assert.Single(results, m => m.IsTo(To(Failing))).Text, StringComparison.Ordinal);

        // Funding priority for the six that passed; the four veto sanctions only for 日喀则市.
        var priority = Of("funding-priority").ToList();
        Assert.Equal(Prefectures.Where(p => p != Failing).Select(To).Order(), priority.SelectMany(m => m.To).Where(a => Prefectures.Select(To).Contains(a)).Order());
        var sanctions = Of("sanction").ToList();
        Assert.Equal(4, sanctions.Count);
        Assert.All(sanctions, m =>
        {
            Assert.True(m.IsTo(To(Failing)), m.ToString());
            Assert.StartsWith("关于对日喀则市实行“", m.Subject, StringComparison.Ordinal);
            Assert.Equal(new DateOnly(2015, 4, 8), m.Day);
            Assert.Contains("自2015年4月8日起", m.Text, StringComparison.Ordinal);
        });
        Assert.Contains(sanctions, m => m.Subject == "关于对日喀则市实行“暂停新增主要污染物排放建设项目环评审批”的通知");
        Assert.DoesNotContain(all, m => m.Template == "sanction" && Prefectures.Where(p => p != Failing).Any(p => m.IsTo(To(p))));
    }

    /// <summary>Nothing lost or stuck: no dead letter, no incident; the cycle stays open only because 阿里地区's plan is
    /// still outstanding (overdue), exactly as the definitions say.</summary>
    private async Task AssertStateAsync(string cycleId)
    {
        await using var db = _database!.Context();
        Assert.Equal(0, await db.Notices.CountAsync(n => n.Status != NoticeStatus.Sent));
        Assert.Empty(await db.Instances.Where(i => i.Status == InstanceStatus.Faulted || i.Incident != null).Select(i => i.DefinitionId).ToListAsync());
        var open = await db.Tasks.Where(t => t.ClosedAt == null && (t.Status == TaskState.Open || t.Status == TaskState.Overdue)).ToListAsync();
        var outstanding = Assert.Single(open);
        Assert.Equal(("annual-plan", Silent, TaskState.Overdue), (outstanding.Kind, outstanding.AssigneePartyId, outstanding.Status));
        var cycle = await db.Instances.SingleAsync(i => i.Id == Guid.Parse(cycleId));
        Assert.Equal(InstanceStatus.Running, cycle.Status);
        Assert.Equal(7, await db.Instances.CountAsync(i => i.DefinitionId == "assessment-result" && i.Status == InstanceStatus.Completed));
        var lateTask = await db.Tasks.SingleAsync(t => t.Kind == "annual-plan" && t.AssigneePartyId == Late);
        Assert.True(lateTask.SubmittedLate);
        Assert.False((await db.Tasks.SingleAsync(t => t.Kind == "annual-plan" && t.AssigneePartyId == OnTime)).SubmittedLate);
    }

    /// <summary>Opens the prefecture's plan task from its task-issued e-mail in Chromium, checks the page reads the
    /// drill clock (banner, deadline, time left or overdue), fills and submits the form, and checks the receipt page
    /// and the receipt e-mail.</summary>
    private async Task AnswerPlanInBrowserAsync(IBrowser chromium, string party, string name, bool late)
    {
        var issued = Assert.Single(Mail.All, m => m.Template == "task-issued" && m.IsTo(Mail.Address(party)) && m.Subject.Contains("减排计划", StringComparison.Ordinal));
        var link = Chromium.TaskLink().Match(issued.Text).Value;
        Assert.StartsWith($"{_server!.BaseAddress.ToString().TrimEnd('/')}/t/", link, StringComparison.Ordinal);

        var context = await chromium.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 412, Height = 915 }, Locale = "zh-CN", TimezoneId = "Asia/Shanghai" });
        try
        {
            var page = await context.NewPageAsync();
            var opened = await page.GotoAsync(link);
            Assert.Equal((int)HttpStatusCode.OK, opened!.Status);
            Assert.StartsWith("演练时钟：模拟时间 2015年", await page.TextContentAsync("p.drill-clock") ?? string.Empty, StringComparison.Ordinal);
            var facts = await page.TextContentAsync("dl.facts") ?? string.Empty;
            Assert.Contains("2015年3月15日 23:59:59（北京时间）", facts, StringComparison.Ordinal);
            Assert.Contains(late ? "已逾期" : "剩余 27 天", facts, StringComparison.Ordinal);
            await ScreenshotAsync(page, $"{party}-1-task");

            await page.FillAsync("textarea[name='summary']", $"2015年{name}化学需氧量、氨氮、二氧化硫、氮氧化物排放量控制在计划值以内。");
            string[][] measures = [["county", $"{name}所辖县（区）人民政府", "城镇污水管网改造"], ["department", $"{name}住房和城乡建设局", "污水处理厂提标改造"], ["enterprise", $"{name}水泥厂", "窑炉烟气脱硝"]];
            for (var i = 0; i < measures.Length; i++)
            {
                await page.SelectOptionAsync($"select[name='measures[{i}].level']", measures[i][0]);
                await page.FillAsync($"input[name='measures[{i}].unit']", measures[i][1]);
                await page.FillAsync($"textarea[name='measures[{i}].measure']", measures[i][2]);
            }

            await page.FillAsync("input[name='measures[0].deadline']", "2015-10-31");
            foreach (var (code, tonnes) in new[] { ("COD", "10120.5"), ("NH3-N", "890"), ("SO2", "4700"), ("NOx", "6950") })
            {
                await page.FillAsync($"input[name='planned.{code}']", tonnes);
            }

            await page.FillAsync("input[name='projects[0].name']", $"{name}污水处理厂二期");
            await page.FillAsync("input[name='projects[0].dueDate']", "2015-12-31");
            await page.SetInputFilesAsync("input[name='attachments']", new FilePayload { Name = $"{name}2015年度减排计划.pdf", MimeType = "application/pdf", Buffer = SampleAnswers.Pdf(2048) });
            await page.FillAsync("input[name='contact.name']", "张明");
            await page.FillAsync("input[name='contact.phone']", "0891-6000000");
            await page.ClickAsync("button.primary");
            await page.WaitForSelectorAsync("h1:text('回执')");
            var receipt = await page.TextContentAsync("main") ?? string.Empty;
            Assert.Contains("第 1 版", receipt, StringComparison.Ordinal);
            Assert.Contains(late ? "逾期提交" : "按期提交", receipt, StringComparison.Ordinal);
            Assert.Contains(late ? "2015年3月16日" : "2015年2月16日", receipt, StringComparison.Ordinal);
            await ScreenshotAsync(page, $"{party}-2-receipt");
        }
        finally
        {
            await context.CloseAsync();
        }

        await Mail.WaitForAsync(party, "receipt", 1, $"{name}'s receipt e-mail", Patience);
    }

    /// <summary>The EPB accepts every open plan review (there must be <paramref name="count"/>).</summary>
    private async Task AcceptPlanReviewsAsync(int count)
    {
        var reviews = await Eventually.ReturnsAsync(async () =>
        {
            var open = (await OpenTasksAsync("epb")).Where(t => t["kind"]!.GetValue<string>() == "plan-review").ToList();
            return open.Count >= count ? open : null;
        }, Patience, $"{count} plan reviews issued to the EPB");
        Assert.Equal(count, reviews.Count);
        foreach (var review in reviews)
        {
            await CompleteAsync(review, new JsonObject { ["decision"] = "accept", ["comments"] = "计划符合要求" }, "epb");
        }
    }

    /// <summary>Moves the drill clock to <paramref name="at"/> and waits until everything then due has happened.</summary>
    private async Task AdvanceAsync(DateTimeOffset at, string what)
    {
        using var response = await Admin.Http.PostAsJsonAsync("/api/clock/advance", new { to = at.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture) });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"advance to {at:O}: {(int)response.StatusCode} {body}");
        var answer = JsonNode.Parse(body)!;
        Output($"clock → {answer["now"]} ({what}): {answer["dueTimers"]} timers due");
        await SettleAsync(what);
    }

    /// <summary>Waits until no timer is due and unfired, no effect is pending and every notice is sent, then harvests the
    /// mail. With the clock standing still (speed 1, a few seconds), that is the cycle at rest.</summary>
    private async Task SettleAsync(string what)
    {
        await Eventually.TrueAsync(async () =>
        {
            var now = (await Admin.GetJsonAsync("/api/clock"))["now"]!.GetValue<DateTimeOffset>().ToUniversalTime();
            await using var db = _database!.Context();
            return !await db.Timers.AnyAsync(t => t.Status == TimerStatus.Pending && t.DueAt <= now)
                && !await db.Effects.AnyAsync(e => e.Status == EffectStatus.Pending)
                && !await db.Notices.AnyAsync(n => n.Status == NoticeStatus.Pending);
        }, Patience, $"{what}: the server at rest (due timers fired, effects done, notices sent)", TimeSpan.FromMilliseconds(200));
        await Mail.RefreshAsync();
    }

    private async Task<List<JsonObject>> OpenTasksAsync(string party) =>
        [.. (await Admin.GetJsonAsync($"/api/tasks?party={party}")).AsArray().Select(t => t!.AsObject())
            .Where(t => t["status"]!.GetValue<string>() is "Open" or "Overdue" && t["closedAt"] is null)];

    private Task<JsonObject> OpenTaskAsync(string kind, string party) =>
        Eventually.ReturnsAsync(async () => (await OpenTasksAsync(party)).FirstOrDefault(t => t["kind"]!.GetValue<string>() == kind), Patience, $"open {kind} task of {party}");

    private async Task CompleteAsync(JsonObject task, JsonObject data, string by)
    {
        using var response = await Admin.CompleteAsync(Guid.Parse(task["id"]!.GetValue<string>()), data, by);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{task["kind"]} of {by}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    private async Task<JsonObject> SanctionsAsync(string prefecture, string date) =>
        (await Admin.GetJsonAsync($"/api/sanctions?prefecture={Uri.EscapeDataString(prefecture)}&date={date}")).AsObject();

    private static DateTimeOffset At(int month, int day, int hour, int minute, int second) => new(2015, month, day, hour, minute, second, TimeSpan.FromHours(8));

    private static JsonObject Report(string summary) => new() { ["summary"] = summary };

    private static JsonObject PlanData(string party) => FormShapes.AnnualPlan(
        $"{party} 2015年度减排计划：化学需氧量、氨氮、二氧化硫、氮氧化物排放量控制在计划值以内。",
        new Dictionary<string, decimal> { ["COD"] = 1000, ["NH3-N"] = 100, ["SO2"] = 500, ["NOx"] = 800 });

    /// <summary>NOx 10000 → 10000.1 t against 零增长: +0.001% fails; everything else passes.</summary>
    private static JsonObject FailingCase() => new()
    {
        ["pollutants"] = new JsonArray(
            new JsonObject { ["code"] = "COD", ["actualTonnes"] = 3980.2, ["target"] = new JsonObject { ["kind"] = "capTonnes", ["value"] = 4000 } },
            new JsonObject { ["code"] = "NH3-N", ["previousTonnes"] = 410, ["actualTonnes"] = 405.5, ["target"] = new JsonObject { ["kind"] = "changeVsPreviousYearPercent", ["value"] = -1 } },
            new JsonObject { ["code"] = "SO2", ["actualTonnes"] = 2100, ["target"] = new JsonObject { ["kind"] = "capTonnes", ["value"] = 2100 } },
            new JsonObject { ["code"] = "NOx", ["previousTonnes"] = 10000, ["actualTonnes"] = 10000.1, ["target"] = new JsonObject { ["kind"] = "changeVsPreviousYearPercent", ["value"] = 0 } }),
        ["keyProjects"] = new JsonArray(),
        ["monitoring"] = new JsonObject
        {
            ["transmission"] = new JsonObject { ["due"] = 8760, ["received"] = 8500, ["valid"] = 8000 },
            ["selfMonitoringPublication"] = new JsonObject { ["published"] = 12, ["required"] = 12 },
            ["supervisoryMonitoringPublication"] = new JsonObject { ["published"] = 6, ["required"] = 6 },
        },
    };

    private static Task ScreenshotAsync(IPage page, string name) => Chromium.ScreenshotAsync(page, $"annual-cycle-{name}");

    private void Output(string line) => output.WriteLine($"[{_watch.Elapsed.TotalSeconds,6:0.0} s] {line}");

    public async Task DisposeAsync()
    {
        Output($"total {_watch.Elapsed.TotalSeconds:0} s");
        _admin?.Dispose();
        _mail?.Dispose();
        if (_server is not null)
        {
            Output($"server log, last lines:\n{string.Join('\n', _server.Tail.Split('\n').TakeLast(80))}");
            await _server.DisposeAsync();
        }

        if (_smtp is not null)
        {
            await _smtp.DisposeAsync();
        }

        await _postgres.DisposeAsync();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // Temp space.
        }
    }
}
