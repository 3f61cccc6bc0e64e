using System.Globalization;
using System.Text.Json.Nodes;
using Reduction.Domain.Assessment;
using Reduction.Domain.Assessment.Contract;
using Reduction.Domain.Calendar;
using Reduction.Domain.Parties;
using Reduction.Domain.PlanPeriods;
using Reduction.Domain.Sanctions;
using Reduction.Workflows.Simulation;
using Reduction.Workflows.Tests.Definitions;
using Xunit.Abstractions;

namespace Reduction.Workflows.Tests.Simulation;

public class CycleSimulatorTests(ITestOutputHelper output)
{
    private static string Local(DateTimeOffset instant) => BeijingTime.ToBeijing(instant).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    private static string ScenarioFile => Path.Combine(ShippedFiles.RepositoryRoot(), "docs", "examples", "scenario-2015.json");

    private async Task<SimulationResult> RunAsync(int year, SimulationScenario scenario)
    {
        var result = await new CycleSimulator().RunAsync(year, scenario, ShippedFiles.WorkflowsFolder);
        foreach (var e in result.Events.Where(e => e.Kind != "notice"))
        {
            output.WriteLine($"{Local(e.At)} {e.Kind} {e.Task} {e.Party} {e.Detail}");
        }

        return result;
    }

    [Fact]
    public async Task Run_2015Defaults_EveryonePassesAndTheCycleCompletes()
    {
        var result = await RunAsync(2015, SimulationScenario.Empty);

        Assert.Equal("Completed", result.CycleStatus);
        Assert.Equal(7, result.Results.Count);
        Assert.All(result.Results, r => Assert.Equal("pass", r.Verdict));
        Assert.Empty(result.Sanctions);
        Assert.DoesNotContain(result.Events, e => e.Kind is "incident" or "faulted" or "task-overdue" or "escalation");
        var kickOff = result.Events.First();
        Assert.Equal("2015-01-05 09:00:00", Local(kickOff.At));
        Assert.Equal(7, result.Events.Count(e => e is { Kind: "notice", Notice: "funding-priority" }));
    }

    [Fact]
    public async Task Run_2016LeapYear_SelfCheckDueOn29February()
    {
        var result = await RunAsync(2016, SimulationScenario.Empty);

        var issued = result.Events.Single(e => e is { Kind: "task-issued", Task: "self-check" });
        Assert.Contains("2016-02-29T23:59:59+08:00", issued.Detail, StringComparison.Ordinal);
        Assert.Equal("Completed", result.CycleStatus);
        Assert.Contains(result.Events, e => e.Kind == "task-issued" && e.Party == "山南市"); // renamed on 2016-01-07
    }

    [Fact]
    public async Task Run_2015Scenario_EscalatesOnTheOfficialCalendarAndVetoesOnlyTheFailingPrefecture()
    {
        var parties = PartyDirectory.LoadDefault();
        var scenario = SimulationScenario.Parse(await File.ReadAllTextAsync(ScenarioFile), parties);

        var result = await RunAsync(2015, scenario);

        // Ngari never files its plan: overdue at the first late instant, then supervision 3 and government 8 working days after Sunday 15 March.
        var ngari = result.Events.Where(e => e.Party == "阿里地区" && e.Task == "annual-plan" && e.Kind is "task-overdue" or "escalation").Select(e => (e.Kind, Local(e.At))).ToList();
        Assert.Equal([("task-overdue", "2015-03-16 00:00:00"), ("escalation", "2015-03-16 00:00:00"), ("escalation", "2015-03-18 09:00:00"), ("escalation", "2015-03-25 09:00:00")], ngari);
        Assert.Contains(result.Events, e => e is { Kind: "notice", Notice: "escalation", Task: "annual-plan" } && e.RecipientRoles!.Contains("supervision") && Local(e.At) == "2015-03-18 09:00:00");
        Assert.Contains(result.Events, e => e is { Kind: "notice", Notice: "escalation", Task: "annual-plan" } && e.RecipientRoles!.Contains("government") && Local(e.At) == "2015-03-25 09:00:00");
        Assert.DoesNotContain(result.Events, e => e.Kind == "task-submitted" && e.Party == "阿里地区" && e.Task == "annual-plan");
        Assert.Equal("Running", result.CycleStatus); // Ngari's plan is still outstanding

        // Lhasa answers when the scenario says.
        Assert.Contains(result.Events, e => e is { Kind: "task-submitted", Task: "annual-plan", Party: "拉萨市" } && Local(e.At) == "2015-03-10 10:00:00");

        // Shigatse files late (escalated, not yet handed over) and fails; the verdict is the one `reduction assess` gives.
        Assert.Contains(result.Events, e => e is { Kind: "task-overdue", Task: "assessment-data", Party: "日喀则市" });
        Assert.Equal("fail", result.Results.Single(r => r.PrefectureId == "shigatse").Verdict);
        Assert.All(result.Results.Where(r => r.PrefectureId != "shigatse"), r => Assert.Equal("pass", r.Verdict));
        Assert.Equal(Verdict.Fail, AssessDirectly(scenario, "shigatse", 2014));

        // Sanctions only for Shigatse, every kind, from the approval date.
        Assert.Equal(SanctionKinds.All.Order(), result.Sanctions.Select(s => s.Kind).Order());
        Assert.All(result.Sanctions, s =>
        {
            Assert.Equal("shigatse", s.PrefectureId);
            Assert.Equal(new DateOnly(2015, 4, 28), s.StartsOn);
            Assert.Null(s.EndsOn);
        });
        Assert.Contains(result.Events, e => e is { Kind: "task-issued", Task: "supervision-measures" });
    }

    [Fact]
    public async Task Run_2015Scenario_EscalationsSayWhoseTaskIsLateAndWhomTheyNotified()
    {
        var scenario = SimulationScenario.Parse(await File.ReadAllTextAsync(ScenarioFile), PartyDirectory.LoadDefault());

        var result = await RunAsync(2015, scenario);

        var escalations = result.Events.Where(e => e.Kind == "escalation").ToList();
        Assert.NotEmpty(escalations);
        Assert.All(escalations, e => Assert.NotEmpty(e.RecipientRoles ?? []));
        var supervision = escalations.Single(e => e.Task == "annual-plan" && Local(e.At) == "2015-03-18 09:00:00");
        Assert.Equal("阿里地区", supervision.Party);
        Assert.Equal(["supervision"], supervision.RecipientRoles!);
        Assert.Equal(["epb", "prefecture"], escalations.First(e => e.Task == "annual-plan").RecipientRoles!);

        // The notice of an escalation is about the prefecture whose task is late, though it goes to supervision.
        var letter = result.Events.Single(e => e is { Kind: "notice", Notice: "escalation", Task: "annual-plan" } && Local(e.At) == "2015-03-18 09:00:00");
        Assert.Equal("阿里地区", letter.Party);
        Assert.All(result.Events.Where(e => e.Kind == "notice" && e.Task is not null), e => Assert.NotNull(e.Party));
        foreach (var escalation in escalations)
        {
            Assert.Contains(result.Events, e => e.Kind == "notice" && e.At == escalation.At && e.Task == escalation.Task && e.Party == escalation.Party
                && e.RecipientRoles!.SequenceEqual(escalation.RecipientRoles!));
        }
    }

    [Fact]
    public async Task Run_2015Scenario_NamesEveryPartyAsOnTheDateItSpeaksOf()
    {
        var parties = PartyDirectory.LoadDefault();
        var scenario = SimulationScenario.Parse(await File.ReadAllTextAsync(ScenarioFile), parties);

        var result = await RunAsync(2015, scenario);

        foreach (var e in result.Events.Where(e => e.Party is not null))
        {
            var on = BeijingTime.DateOf(e.At);
            foreach (var name in e.Party!.Split('、'))
            {
                Assert.Equal(parties.FindByName(name)!.NameOn(on).Name, name);
            }
        }

        // The results are those the government approved on 28 April, after 林芝地区 became 林芝市 (16 March).
        var approvedOn = BeijingTime.DateOf(result.Events.Single(e => e.Kind == "approval").At);
        Assert.All(result.Results, r => Assert.Equal(parties.GetById(r.PrefectureId).NameOn(approvedOn).Name, r.Prefecture));
        Assert.Equal("林芝市", result.Results.Single(r => r.PrefectureId == "nyingchi").Prefecture);
    }

    [Fact]
    public void Parse_UnknownPrefectureOrTask_NamesThePath()
    {
        var parties = PartyDirectory.LoadDefault();

        var unknownPrefecture = Assert.Throws<SimulationScenarioException>(() => SimulationScenario.Parse("""{"prefectures": {"北京市": {}}}""", parties));
        var unknownTask = Assert.Throws<SimulationScenarioException>(() => SimulationScenario.Parse("""{"prefectures": {"拉萨市": {"budget": {}}}}""", parties));
        var badTime = Assert.Throws<SimulationScenarioException>(() => SimulationScenario.Parse("""{"government": {"approval": {"submitAt": "tomorrow"}}}""", parties));

        Assert.Equal("$.prefectures.北京市", unknownPrefecture.Path);
        Assert.Equal("$.prefectures.拉萨市.budget", unknownTask.Path);
        Assert.Equal("$.government.approval.submitAt", badTime.Path);
    }

    private static Verdict AssessDirectly(SimulationScenario scenario, string prefectureId, int assessedYear)
    {
        var data = (JsonObject)scenario.For(prefectureId, "assessment-data").Data["case"]!.DeepClone();
        data["prefecture"] = prefectureId;
        data["year"] = assessedYear;
        var input = AssessInputReader.Read(new JsonObject { ["cases"] = new JsonArray(data) }.ToJsonString(), PlanPeriodCatalog.LoadDefault(), PartyDirectory.LoadDefault());
        var single = Assert.Single(input.Cases);
        return single.Case.Evaluate(single.Period).Verdict;
    }
}
