using Reduction.Domain.Calendar;
using Reduction.Domain.Parties;
using Reduction.Notifications.Templates;
using Reduction.Notifications.Tests.Support;
using Reduction.Workflows.Simulation;

namespace Reduction.Notifications.Tests.Simulation;

/// <summary>Every notice the shipped workflows queue in a simulated year renders with the shipped templates.</summary>
public class SimulatedYearNoticesTests
{
    [Fact]
    public async Task Render_EveryNoticeOfThe2015Scenario_Succeeds()
    {
        var root = RepositoryPaths.Root;
        var parties = PartyDirectory.LoadDefault();
        var scenario = SimulationScenario.Parse(await File.ReadAllTextAsync(Path.Combine(root, "docs", "examples", "scenario-2015.json")), parties);
        var result = await new CycleSimulator(parties).RunAsync(2015, scenario, Path.Combine(root, "workflows"));
        var renderer = new NoticeRenderer(new NoticeTemplateStore(Path.Combine(root, "templates")));
        var addressing = new NoticeAddressing(parties);

        var notices = result.Events.Where(e => e.Kind == "notice").ToList();
        var failures = new List<string>();
        foreach (var notice in notices)
        {
            try
            {
                var preview = new NoticePreview
                {
                    TemplateKey = notice.Notice!,
                    Model = notice.Model!,
                    Date = BeijingTime.DateOf(notice.At),
                    RecipientRoles = notice.AddressedRoles ?? [],
                    RecipientParties = notice.RecipientParties ?? [],
                    Link = "https://reduction.example.gov.cn/t/preview",
                };
                var rendered = preview.Render(renderer, addressing);
                Assert.False(string.IsNullOrWhiteSpace(rendered.Subject));
            }
            catch (Exception e) when (e is NoticeTemplateException or FormatException or KeyNotFoundException or ArgumentException)
            {
                failures.Add($"{notice.Notice} {notice.Task} {notice.Party}: {e.Message}");
            }
        }

        Assert.True(notices.Count > 50);
        Assert.Empty(failures.Distinct());
    }

    [Theory]
    [InlineData(2015)]
    [InlineData(2016)]
    public async Task Render_EveryNoticeOfAYear_NamesPartiesAsOnTheNoticesDate(int year)
    {
        var root = RepositoryPaths.Root;
        var parties = PartyDirectory.LoadDefault();
        var scenario = year == 2015
            ? SimulationScenario.Parse(await File.ReadAllTextAsync(Path.Combine(root, "docs", "examples", "scenario-2015.json")), parties)
            : SimulationScenario.Empty;
        var result = await new CycleSimulator(parties).RunAsync(year, scenario, Path.Combine(root, "workflows"));
        var renderer = new NoticeRenderer(new NoticeTemplateStore(Path.Combine(root, "templates")));
        var addressing = new NoticeAddressing(parties);
        var names = parties.Parties.SelectMany(p => p.Names.SelectMany(n => new[] { (Party: p, Text: n.Name), (Party: p, Text: n.IssuingBody) })).Distinct().ToList();

        var wrong = new List<string>();
        foreach (var notice in result.Events.Where(e => e.Kind == "notice"))
        {
            var date = BeijingTime.DateOf(notice.At);
            var rendered = new NoticePreview
            {
                TemplateKey = notice.Notice!,
                Model = notice.Model!,
                Date = date,
                RecipientRoles = notice.AddressedRoles ?? [],
                RecipientParties = notice.RecipientParties ?? [],
                Link = "https://reduction.example.gov.cn/t/preview",
            }.Render(renderer, addressing);
            var text = rendered.Subject + "\n" + rendered.Text;
            foreach (var (party, name) in names.Where(n => text.Contains(n.Text, StringComparison.Ordinal)))
            {
                var valid = party.NameOn(date);
                if (name != valid.Name && name != valid.IssuingBody)
                {
                    wrong.Add($"{date:yyyy-MM-dd} {notice.Notice}: {name} (then {valid.Name})");
                }
            }
        }

        Assert.Empty(wrong.Distinct());
    }
}
