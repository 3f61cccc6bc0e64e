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
    public void GetTemplate_UnknownKind_SaysThereIsNoSuchTemplate()
    {
        var kind = Assert.Throws<NoticeTemplateException>(() => _store.GetKind("no-such-kind"));
        var template = Assert.Throws<NoticeTemplateException>(() => _store.GetTemplate("no-such-kind", NoticeTemplateStore.SubjectFile));

        Assert.Contains("没有通知模板“no-such-kind”", kind.Message, StringComparison.Ordinal);
        Assert.Contains("没有通知模板“no-such-kind”", template.Message, StringComparison.Ordinal);
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

    [Fact]
    public void Render_OneRendererForManyNotices_MatchesAFreshRendererForEach()
    {
        var previews = Directory.GetFiles(RepositoryPaths.Golden, "*.model.json").Order(StringComparer.Ordinal)
            .Select(f => NoticePreview.Parse(File.ReadAllText(f), null, new DateOnly(2015, 1, 1)))
            .ToList();
        var addressing = new NoticeAddressing(PartyDirectory.LoadDefault());
        var expected = previews.Select(p => p.Render(new NoticeRenderer(_store), addressing)).ToList();
        var shared = new NoticeRenderer(_store);

        for (var round = 0; round < 2; round++)
        {
            for (var i = 0; i < previews.Count; i++)
            {
                AssertSame(expected[i], previews[i].Render(shared, addressing));
            }
        }

        Parallel.For(0, previews.Count * 4, i => AssertSame(expected[i % previews.Count], previews[i % previews.Count].Render(shared, addressing)));
    }

    [Fact]
    public void Render_AfterAFailedRender_RendersTheNextNoticeUnchanged()
    {
        var renderer = new NoticeRenderer(_store);
        var expected = Render("receipt", Receipt(), "shannan", new DateOnly(2015, 3, 13), renderer);
        var broken = Receipt();
        broken.Remove("submitted_at");

        Assert.Throws<NoticeTemplateException>(() => Render("receipt", broken, "shannan", new DateOnly(2015, 3, 13), renderer));

        AssertSame(expected, Render("receipt", Receipt(), "shannan", new DateOnly(2015, 3, 13), renderer));
    }

    [Fact]
    public void Render_VariableAssignedInTheSubject_IsUnknownInTheBody()
    {
        WithTemplates(folder =>
        {
            File.WriteAllText(Path.Combine(folder, "receipt", NoticeTemplateStore.SubjectFile), "{{ shorter = task_title }}回执：{{ shorter }}\n");
            File.WriteAllText(Path.Combine(folder, "receipt", NoticeTemplateStore.TextBodyFile), "{{ shorter }}\n");

            var error = Assert.Throws<NoticeTemplateException>(() => Render(new NoticeRenderer(new NoticeTemplateStore(folder)), Receipt()));

            Assert.Contains(NoticeTemplateStore.TextBodyFile, error.Message, StringComparison.Ordinal);
            Assert.Contains("shorter", error.Message, StringComparison.Ordinal);
        });
    }

    [Theory]
    [InlineData("{{ task_title = \"改\" }}", "")]
    [InlineData("{{ model.task_title = \"改\" }}", "模型只读，不能修改“model.task_title”")]
    [InlineData("{{ notice.issuer = \"改\" }}", "模型只读，不能修改“notice.issuer”")]
    [InlineData("{{ terms.task_kind_default = \"改\" }}", "subject.scriban")]
    public void Render_TemplateChangingTheModel_FailsOrChangesOnlyItsOwnCopy(string assignment, string error)
    {
        WithTemplates(folder =>
        {
            var subject = Path.Combine(folder, "receipt", NoticeTemplateStore.SubjectFile);
            File.WriteAllText(subject, assignment + File.ReadAllText(subject));
            var renderer = new NoticeRenderer(new NoticeTemplateStore(folder));

            if (error.Length == 0)
            {
                // A top-level name is shadowed in the subject alone; the body still sees the model's value.
                var notice = Render(renderer, Receipt());
                Assert.Equal("关于收到改的回执", notice.Subject);
                Assert.Contains("2015年度主要污染物总量减排计划（山南地区）", notice.Text, StringComparison.Ordinal);
                return;
            }

            var failure = Assert.Throws<NoticeTemplateException>(() => Render(renderer, Receipt()));
            Assert.Contains(error, failure.Message, StringComparison.Ordinal);
        });
    }

    [Theory]
    [InlineData("", "")]
    [InlineData("\n\n", "")]
    [InlineData("a", "a\n")]
    [InlineData("\r\n\r\na \r\n\r\n\r\n\u3000b\u3000\r\n\n", "a\n\n\u3000b\n")]
    [InlineData("a\rb\r\n  \t\nc", "a\rb\n\nc\n")]
    public void CleanText_Lines_TrimmedWithSingleBlankLines(string text, string expected) =>
        Assert.Equal(expected, NoticeRenderer.CleanText(text));

    [Theory]
    [InlineData("", "")]
    [InlineData("<p>a</p>", "<p>a</p>\n")]
    [InlineData("\r\n  <p>a</p>  \r\n \t \n\n<p>b</p>\n", "  <p>a</p>\n<p>b</p>\n")]
    public void CleanHtml_BlankLines_Dropped(string html, string expected) =>
        Assert.Equal(expected, NoticeRenderer.CleanHtml(html));

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

    private RenderedNotice Render(string key, JsonObject model, string party, DateOnly date, NoticeRenderer? renderer = null)
    {
        var addressing = new NoticeAddressing(PartyDirectory.LoadDefault());
        var kind = _store.GetKind(key);
        var recipients = addressing.Resolve(kind, [], [party], date);
        return (renderer ?? new NoticeRenderer(_store)).Render(key, model, addressing.Envelope(kind, recipients, date, null, false, null));
    }

    private static RenderedNotice Render(NoticeRenderer renderer, JsonObject model) =>
        renderer.Render("receipt", model, new NoticeEnvelope { Issuer = "西藏自治区环境保护厅", Date = new DateOnly(2015, 3, 13) });

    private static void AssertSame(RenderedNotice expected, RenderedNotice actual)
    {
        Assert.Equal(expected.Subject, actual.Subject);
        Assert.Equal(expected.Text, actual.Text);
        Assert.Equal(expected.Html, actual.Html);
    }

    private static void WithTemplates(Action<string> test)
    {
        var folder = Directory.CreateTempSubdirectory("reduction-templates-").FullName;
        try
        {
            CopyDirectory(RepositoryPaths.Templates, folder);
            test(folder);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
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
