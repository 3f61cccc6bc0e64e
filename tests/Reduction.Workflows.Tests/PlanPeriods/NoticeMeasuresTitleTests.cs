using System.Text.Json.Nodes;
using Reduction.Domain.PlanPeriods;
using Reduction.Workflows.Tests.Support;

namespace Reduction.Workflows.Tests.PlanPeriods;

/// <summary>Notices queued by SendNotice and IssueTask carry the measures title of the plan period covering the
/// assessed year, as the database holds it.</summary>
public class NoticeMeasuresTitleTests
{
    private const string Definition = """
        {
          "id": "measures-notices", "name": "考核办法名称",
          "variables": [{ "name": "year" }],
          "activities": [
            { "id": "start", "type": "Start" },
            { "id": "result", "type": "SendNotice", "inputs": {
                "template": "funding-priority", "recipientParties": ["lhasa"],
                "model": { "prefecture_name": "拉萨市", "assessed_year": "{{ year - 1 }}" } } },
            { "id": "approval", "type": "IssueTask", "inputs": {
                "taskKind": "government-approval", "title": "审定{{ year - 1 }}年度考核结果", "assignees": "['government']",
                "due": "day:04-30", "issueTemplate": "approval-request" } },
            { "id": "end", "type": "End" }
          ],
          "connections": [
            { "from": "start", "outcome": "done", "to": "result" },
            { "from": "result", "outcome": "done", "to": "approval" },
            { "from": "approval", "outcome": "submitted", "to": "end" }
          ]
        }
        """;

    private static PlanPeriod Fourteenth(string measuresTitle) => PlanPeriodCatalog.Parse(
        PlanPeriodJson.WriteFile([PlanPeriodCatalog.LoadDefault().FindById("14th-five-year-plan")!])
            .Replace("《“十二五”主要污染物总量减排考核办法》", measuresTitle, StringComparison.Ordinal)).Periods[0];

    private static async Task<Dictionary<string, string?>> TitlesAsync(VirtualWorkflowHost host) =>
        (await host.NoticesAsync()).ToDictionary(
            n => n.TemplateKey,
            n => JsonNode.Parse(n.ModelJson)!["measures_title"]?.GetValue<string>());

    [Fact]
    public async Task Start_Cycle2026_NoticesCiteTheFourteenthPeriodsMeasures()
    {
        await using var host = await VirtualWorkflowHost.CreateAsync("2026-04-20T09:00");
        await host.Runtime.PlanPeriods.ImportAsync(new PlanPeriodCatalog([Fourteenth("《测试考核办法》")]));
        await host.PublishJsonAsync(Definition);

        await host.Runtime.StartAsync("measures-notices", new JsonObject { ["year"] = 2026 });

        var titles = await TitlesAsync(host);
        Assert.Equal("《测试考核办法》", titles["funding-priority"]);
        Assert.Equal("《测试考核办法》", titles["approval-request"]);
    }

    [Fact]
    public async Task RecordSanctions_WithoutBasis_CitesTheMeasuresOfTheAssessedYearsPeriod()
    {
        await using var host = await VirtualWorkflowHost.CreateAsync("2026-05-20T09:00");
        await host.Runtime.PlanPeriods.ImportAsync(new PlanPeriodCatalog([Fourteenth("《测试考核办法》")]));
        await host.PublishJsonAsync("""
            {
              "id": "measures-sanctions", "name": "否决依据",
              "variables": [{ "name": "year" }],
              "activities": [
                { "id": "start", "type": "Start" },
                { "id": "veto", "type": "RecordSanctions", "inputs": { "prefecture": "'lhasa'", "year": "year - 1", "kinds": ["eia-suspension"] } },
                { "id": "end", "type": "End" }
              ],
              "connections": [
                { "from": "start", "outcome": "done", "to": "veto" },
                { "from": "veto", "outcome": "done", "to": "end" }
              ]
            }
            """);

        await host.Runtime.StartAsync("measures-sanctions", new JsonObject { ["year"] = 2026 });

        await using var db = host.Database.CreateContext();
        var sanction = Assert.Single(db.Sanctions);
        Assert.Equal(2025, sanction.AssessedYear);
        Assert.Equal("《测试考核办法》：考核不合格实行“一票否决”", sanction.Basis);
        var notice = Assert.Single(await host.NoticesAsync(), n => n.TemplateKey == "sanction");
        Assert.Equal(sanction.Basis, JsonNode.Parse(notice.ModelJson)!["basis"]!.GetValue<string>());
    }

    [Fact]
    public async Task Start_AssessedYearNoPeriodCovers_NoticeCarriesNoTitle()
    {
        await using var host = await VirtualWorkflowHost.CreateAsync("2027-04-20T09:00");
        await host.PublishJsonAsync(Definition);

        await host.Runtime.StartAsync("measures-notices", new JsonObject { ["year"] = 2027 });

        Assert.Null((await TitlesAsync(host))["funding-priority"]);
    }
}
