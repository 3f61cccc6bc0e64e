using System.Text.Json.Nodes;
using Reduction.Domain.Parties;
using Reduction.Notifications.Templates;
using Reduction.Notifications.Tests.Support;

namespace Reduction.Notifications.Tests.Templates;

/// <summary>Texts that change with the document's date: the assessing departments by their names that day, and the
/// measures title the model carries from the assessed year's plan period.</summary>
public class DatedAssessmentTextsTests
{
    private readonly NoticeTemplateStore _store = new(RepositoryPaths.Templates);

    [Fact]
    public void Render_ApprovalRequestIn2026_NamesTheDepartmentsAsThatDay()
    {
        var notice = Render("approval-request", Json("""{ "year": 2026 }"""), "government", new DateOnly(2026, 4, 24));

        Assert.Contains(
            "我厅会同西藏自治区发展和改革委员会、西藏自治区监察委员会、西藏自治区公安厅、西藏自治区农业农村厅、西藏自治区统计局，采取现场核查",
            notice.Text,
            StringComparison.Ordinal);
        Assert.DoesNotContain("监察厅", notice.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("农牧厅", notice.Html, StringComparison.Ordinal);
        Assert.Contains("西藏自治区监察委员会", notice.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_ApprovalRequestIn2015_NamesTheSupervisionDepartmentAndAgricultureAndAnimalHusbandry()
    {
        var notice = Render("approval-request", Json("""{ "year": 2015 }"""), "government", new DateOnly(2015, 4, 24));

        Assert.Contains("西藏自治区发展和改革委员会、西藏自治区监察厅、西藏自治区公安厅、西藏自治区农牧厅、西藏自治区统计局", notice.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("监察委员会", notice.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("approval-request", """{ "year": 2026 }""", "government", "根据《测试考核办法》第九条的规定")]
    [InlineData("result", """{ "assessed_year": 2025, "prefecture": "lhasa", "prefecture_name": "拉萨市", "verdict": "pass", "findings": [] }""", "lhasa", "根据《测试考核办法》，我厅会同有关部门")]
    [InlineData("funding-priority", """{ "assessed_year": 2025, "prefecture_name": "拉萨市" }""", "lhasa", "根据《测试考核办法》的规定")]
    public void Render_ModelWithMeasuresTitle_CitesItInsteadOfTheTwelfthMeasures(string key, string json, string party, string expected)
    {
        var model = Json(json);
        model["measures_title"] = "《测试考核办法》";

        var notice = Render(key, model, party, new DateOnly(2026, 5, 20));

        Assert.Contains(expected, notice.Text, StringComparison.Ordinal);
        Assert.Contains(expected, notice.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("十二五", notice.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("task-issued", "根据《测试考核办法》第四条的规定")]
    [InlineData("overdue", "根据《测试考核办法》第四条的规定")]
    [InlineData("escalation", "督办依据：《测试考核办法》第四条")]
    public void Render_TaskNoticeWithMeasuresTitle_CitesItWithTheTaskKindsArticle(string key, string expected)
    {
        var model = TaskModel();
        model["measures_title"] = "《测试考核办法》";

        var notice = Render(key, model, "lhasa", new DateOnly(2026, 3, 20));

        Assert.Contains(expected, notice.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("十二五", notice.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_ModelWithoutMeasuresTitle_CitesTheMeasuresGenerallyNotTheTwelfths()
    {
        var notice = Render("result", Json("""{ "assessed_year": 2026, "prefecture": "lhasa", "prefecture_name": "拉萨市", "verdict": "pass", "findings": [] }"""), "lhasa", new DateOnly(2027, 5, 20));

        Assert.Contains("根据有关考核办法，我厅会同有关部门", notice.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("十二五", notice.Text, StringComparison.Ordinal);
    }

    private RenderedNotice Render(string key, JsonObject model, string party, DateOnly date)
    {
        var addressing = new NoticeAddressing(PartyDirectory.LoadDefault());
        var kind = _store.GetKind(key);
        var recipients = addressing.Resolve(kind, [], [party], date);
        return new NoticeRenderer(_store).Render(key, model, addressing.Envelope(kind, recipients, date, null, false, null));
    }

    private static JsonObject TaskModel() => Json(File.ReadAllText(Path.Combine(RepositoryPaths.Golden, "overdue.model.json")))["model"]!.AsObject();

    private static JsonObject Json(string json) => JsonNode.Parse(json)!.AsObject();
}
