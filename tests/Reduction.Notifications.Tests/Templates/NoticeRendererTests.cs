using System.Text.Json.Nodes;
using Reduction.Domain.Parties;
using Reduction.Notifications.Templates;
using Reduction.Notifications.Tests.Support;

namespace Reduction.Notifications.Tests.Templates;

public class NoticeRendererTests
{
    private static readonly string[] RequiredKinds =
        ["task-issued", "reminder", "overdue", "escalation", "receipt", "returned", "approval-request", "result", "sanction", "sanction-lifted"];

    private readonly NoticeTemplateStore _store = new(RepositoryPaths.Templates);

    [Fact]
    public void Templates_EveryKind_ParsesWithoutErrors()
    {
        Assert.Superset(RequiredKinds.ToHashSet(), _store.Keys.ToHashSet());
        foreach (var key in _store.Keys)
        {
            _store.GetKind(key);
            foreach (var file in new[] { NoticeTemplateStore.SubjectFile, NoticeTemplateStore.HtmlBodyFile, NoticeTemplateStore.TextBodyFile })
            {
                Assert.False(_store.GetTemplate(key, file).HasErrors, $"{key}/{file}");
            }
        }

        Assert.False(_store.GetLayout(NoticeTemplateStore.TextLayoutFile).HasErrors);
        Assert.False(_store.GetLayout(NoticeTemplateStore.HtmlLayoutFile).HasErrors);
    }

    [Fact]
    public void Render_ModelMissingAVariable_FailsNamingIt()
    {
        var model = Receipt();
        model.Remove("submitted_at");

        var error = Assert.Throws<NoticeTemplateException>(() => Render("receipt", model, "shannan", new DateOnly(2015, 3, 13)));

        Assert.Contains("submitted_at", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_UnknownMemberOfNestedObject_FailsInsteadOfRenderingNothing()
    {
        var model = Json("""{ "assessed_year": 2014, "prefecture": "lhasa", "prefecture_name": "拉萨市", "verdict": "fail", "findings": [ { "criterion": "key-project", "outcome": "failed" } ] }""");

        var error = Assert.Throws<NoticeTemplateException>(() => Render("result", model, "lhasa", new DateOnly(2015, 5, 20)));

        Assert.Contains("findings[0].subject", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_FailedFourteenthPeriodResult_NamesVocsInChineseWithThePeriodsBasis()
    {
        var model = Json("""
            { "assessed_year": 2025, "prefecture": "lhasa", "prefecture_name": "拉萨市", "verdict": "fail", "findings": [
              { "criterion": "pollutant-target", "subject": "VOCs", "actual": "1200吨", "required": "≤ 1000吨", "outcome": "failed",
                "basis": "国发〔2021〕33号《“十四五”节能减排综合工作方案》" } ] }
            """);

        var notice = Render("result", model, "lhasa", new DateOnly(2026, 5, 20));

        Assert.Contains("污染物减排目标（挥发性有机物）：实际1200吨", notice.Text, StringComparison.Ordinal);
        Assert.Contains("依据：国发〔2021〕33号《“十四五”节能减排综合工作方案》", notice.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_ReservedModelName_IsRejected()
    {
        var model = Receipt();
        model["notice"] = "x";

        Assert.Throws<NoticeTemplateException>(() => Render("receipt", model, "shannan", new DateOnly(2015, 3, 13)));
    }

    [Fact]
    public void Render_PrefectureRenamed_UsesTheNameValidOnTheDocumentDate()
    {
        var before = Render("receipt", Receipt(), "shigatse", new DateOnly(2014, 3, 13));
        var after = Render("receipt", Receipt(), "shigatse", new DateOnly(2015, 3, 13));

        Assert.Contains("日喀则地区行署：", before.Text, StringComparison.Ordinal);
        Assert.Contains("日喀则市人民政府：", after.Text, StringComparison.Ordinal);
        Assert.Contains("2014年3月13日", before.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_MarkupInModel_IsEscapedInHtmlAndKeptInText()
    {
        var model = Receipt();
        model["task_title"] = "<script>alert(1)</script>计划";

        var notice = Render("receipt", model, "shannan", new DateOnly(2015, 3, 13));

        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;计划", notice.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", notice.Html, StringComparison.Ordinal);
        Assert.Contains("<script>alert(1)</script>计划", notice.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_TemplateChangedOnDisk_UsesTheNewVersion()
    {
        var folder = Directory.CreateTempSubdirectory("reduction-templates-").FullName;
        try
        {
            CopyDirectory(RepositoryPaths.Templates, folder);
            var store = new NoticeTemplateStore(folder);
            var renderer = new NoticeRenderer(store);
            var envelope = new NoticeEnvelope { Issuer = "西藏自治区环境保护厅", Date = new DateOnly(2015, 3, 13) };
            Assert.StartsWith("关于收到", renderer.Render("receipt", Receipt(), envelope).Subject, StringComparison.Ordinal);

            File.WriteAllText(Path.Combine(folder, "receipt", NoticeTemplateStore.SubjectFile), "回执：{{ task_title }}（修订版）\n");

            Assert.Equal("回执：2015年度主要污染物总量减排计划（山南地区）（修订版）", renderer.Render("receipt", Receipt(), envelope).Subject);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Theory]
    [InlineData("days:+0", "期限届满时")]
    [InlineData("workdays:+3", "期限届满后第3个工作日")]
    [InlineData("days:-1", "期限前1日")]
    [InlineData("workdays:+5 roll-forward", "期限届满后第5个工作日（遇节假日顺延）")]
    [InlineData("day:03-15", "day:03-15")]
    public void RuleText_EscalationRules_ReadAsChinese(string rule, string expected) =>
        Assert.Equal(expected, TemplateFunctions.RuleText(rule));

    [Theory]
    [InlineData("2015-03-15T23:59:59+08:00", "2015年3月15日24时")]
    [InlineData("2015-03-15T15:59:59Z", "2015年3月15日24时")]
    [InlineData("2015-03-16T09:00:00+08:00", "2015年3月16日9时")]
    [InlineData("2015-03-16T09:30:00+08:00", "2015年3月16日9时30分")]
    public void DeadlineText_Instants_ReadInBeijingTime(string instant, string expected) =>
        Assert.Equal(expected, TemplateFunctions.DeadlineText(instant));

    private RenderedNotice Render(string key, JsonObject model, string party, DateOnly date)
    {
        var addressing = new NoticeAddressing(PartyDirectory.LoadDefault());
        var kind = _store.GetKind(key);
        var recipients = addressing.Resolve(kind, [], [party], date);
        return new NoticeRenderer(_store).Render(key, model, addressing.Envelope(kind, recipients, date, null, false, null));
    }

    private static JsonObject Receipt() => Json("""
        {
          "assignee": "shannan", "assignee_name": "山南地区", "assignee_issuing_body": "山南地区行署", "assignee_role": "prefecture",
          "task_id": "0193f1d2-c4a4-7e2b-9c3d-5e6f7a8b9c11", "task_kind": "annual-plan", "task_title": "2015年度主要污染物总量减排计划（山南地区）",
          "due_at": "2015-03-15T23:59:59+08:00", "due_date": "2015-03-15", "days_left": 2, "working_days_left": 0, "year": 2015,
          "submitted_at": "2015-03-13T14:25:08+08:00", "late": false
        }
        """);

    private static JsonObject Json(string json) => JsonNode.Parse(json)!.AsObject();

    private static void CopyDirectory(string source, string target)
    {
        foreach (var directory in Directory.GetDirectories(source, "*", SearchOption.AllDirectories))
        {
            Directory.CreateDirectory(directory.Replace(source, target, StringComparison.Ordinal));
        }

        foreach (var file in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
        {
            File.Copy(file, file.Replace(source, target, StringComparison.Ordinal));
        }
    }
}
