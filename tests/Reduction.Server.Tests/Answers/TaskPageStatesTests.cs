using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Reduction.Notifications.Links;
using Reduction.Server.Tests.Support;
using Reduction.Workflows.Persistence;
using Reduction.Workflows.Tasks;

namespace Reduction.Server.Tests.Answers;

/// <summary>Every state a task page can be in, for every form kind, rendered by the real server: none may show Razor
/// source (an `@if` read as text, e.g. after a letter where Razor sees an e-mail address, or braces left over).</summary>
[Collection(AnswerCollection.Name)]
public sealed partial class TaskPageStatesTests(AnswerFixture fixture)
{
    public static TheoryData<string> Kinds => [.. AnswerDefinitions.FormKinds];

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task EveryPageState_EveryFormKind_NoRazorSourceInTheHtml(string kind)
    {
        var (instanceId, tasks) = await fixture.StartAsync(AnswerDefinitions.AnyKindId(kind), Variables());
        var task = tasks.Single(t => t.AssigneePartyId == "lhasa");
        var other = tasks.Single(t => t.AssigneePartyId == "shigatse");
        var token = await fixture.TokenAsync(task.Id);
        var otherToken = await fixture.TokenAsync(other.Id);
        var path = $"/t/{token}";
        using var browser = fixture.Browser();
        var pages = new List<(string State, HttpStatusCode Expected, AnswerPage Page)>();

        var open = await AnswerPage.GetAsync(browser, path);
        pages.Add(("open, blank", HttpStatusCode.OK, open));
        pages.Add(("field errors", HttpStatusCode.BadRequest, await open.PostAsync(browser, path, new Dictionary<string, string> { ["contact.name"] = string.Empty })));
        pages.Add(("receipt, late", HttpStatusCode.OK, await open.PostAsync(browser, path, Answer(kind))));
        var afterOne = await AnswerPage.GetAsync(browser, path);
        pages.Add(("after one submission", HttpStatusCode.OK, afterOne));
        await fixture.MoveLateFromAsync(task.Id, DateTimeOffset.UtcNow.AddDays(30));
        pages.Add(("receipt, on time", HttpStatusCode.OK, await afterOne.PostAsync(browser, path, Answer(kind))));
        var afterTwo = await AnswerPage.GetAsync(browser, path);
        pages.Add(("after several submissions", HttpStatusCode.OK, afterTwo));
        pages.Add(("repeated post", HttpStatusCode.OK, await afterOne.PostAsync(browser, path, Answer(kind))));
        pages.Add(("revision 1", HttpStatusCode.OK, await AnswerPage.GetAsync(browser, $"{path}/revisions/1")));
        pages.Add(("revision 2", HttpStatusCode.OK, await AnswerPage.GetAsync(browser, $"{path}/revisions/2")));
        pages.Add(("no such revision", HttpStatusCode.NotFound, await AnswerPage.GetAsync(browser, $"{path}/revisions/9")));

        // The other assignee's link is revoked and it answers otherwise: the task closes, this page turns read-only.
        await fixture.Services.GetRequiredService<TaskLinkService>().RevokeAsync(other.Id, "测试");
        pages.Add(("revoked link", HttpStatusCode.Gone, await AnswerPage.GetAsync(browser, $"/t/{otherToken}")));
        var otherAnswer = JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(Answer(kind)))!.AsObject();
        Assert.Equal(TaskActionResult.Accepted, await fixture.Services.GetRequiredService<TaskService>().CompleteAsync(other.Id, otherAnswer, "测试"));
        await Eventually.TrueAsync(async () => (await fixture.InstanceAsync(instanceId)).Status == InstanceStatus.Completed, TimeSpan.FromSeconds(30), $"{kind} completed");
        var closed = await AnswerPage.GetAsync(browser, path);
        pages.Add(("closed, read-only", HttpStatusCode.OK, closed));
        pages.Add(("post after close", HttpStatusCode.Conflict, await afterTwo.PostAsync(browser, path, Answer(kind), submissionKey: Guid.NewGuid().ToString())));
        await fixture.CloseLongAgoAsync(task.Id);
        pages.Add(("expired link", HttpStatusCode.Gone, await AnswerPage.GetAsync(browser, path)));
        pages.Add(("forged link", HttpStatusCode.NotFound, await AnswerPage.GetAsync(browser, $"/t/{new string('C', 43)}")));

        Assert.False(closed.HasForm);
        // Revision 1 was late, revision 2 on time: one marker in the list of revisions.
        Assert.Single(Regex.Matches(afterTwo.Html, Regex.Escape("""版<span class="late">（逾期）</span></td>""")));
        Assert.All(pages, p =>
        {
            Assert.True(p.Expected == p.Page.Status, $"{kind}, {p.State}: {p.Page.Status}, expected {p.Expected}");
            Assert.True(RazorLeftOver(p.Page.Html) is null, $"{kind}, {p.State}: Razor source in the page: {RazorLeftOver(p.Page.Html)}");
            // Read today (after November 2018), every page names the EPB by its present name, never the old one.
            Assert.DoesNotContain("环境保护厅", p.Page.Html, StringComparison.Ordinal);
            Assert.DoesNotContain(Reduction.Notifications.Links.TaskLinkResolution.EpbPlaceholder, p.Page.Html, StringComparison.Ordinal);
            Assert.Contains("西藏自治区生态环境厅", p.Page.Html, StringComparison.Ordinal);
        });
    }

    /// <summary>The pitfall at its source, in every component (admin pages too): a Razor statement right after a letter
    /// or digit of markup text is taken for the end of an e-mail address and rendered as text.</summary>
    [Fact]
    public void RazorFiles_NoStatementRightAfterALetterOfText()
    {
        var source = Path.Combine(AnswerFixture.RepositoryRoot(), "src");
        var found = Directory.EnumerateFiles(source, "*.razor", SearchOption.AllDirectories)
            .SelectMany(file => File.ReadAllLines(file).Select((line, i) => (File: Path.GetRelativePath(source, file), Line: i + 1, Text: line)))
            .Where(l => StatementAfterText().IsMatch(l.Text))
            .Select(l => $"{l.File}:{l.Line}: {l.Text.Trim()}")
            .ToList();

        Assert.Empty(found);
    }

    /// <summary>The first piece of Razor source in the HTML, with what surrounds it; null when there is none.</summary>
    internal static string? RazorLeftOver(string html)
    {
        var match = RazorSource().Match(html);
        return match.Success ? html[Math.Max(0, match.Index - 60)..Math.Min(html.Length, match.Index + 60)] : null;
    }

    private static Dictionary<string, string> Answer(string kind) => kind switch
    {
        "annual-plan" => SampleAnswers.AnnualPlan(),
        "assessment-data" => AssessmentDataPageTests.Answer(),
        "department-review" => new() { ["decision"] = "agree", ["contact.name"] = "李华" },
        "plan-review" => new() { ["decision"] = "accept", ["contact.name"] = "李华" },
        "government-approval" => new() { ["decision"] = "approve", ["contact.name"] = "李华" },
        "re-verification" => new() { ["decision"] = "fixed", ["contact.name"] = "李华" },
        _ => new() { ["summary"] = "自查报告：全年减排任务完成。", ["contact.name"] = "李华" },
    };

    /// <summary>What the reviewers' and the plan reviewer's pages show besides the form: results and the plan.</summary>
    private static JsonObject Variables() => new()
    {
        ["year"] = 2015,
        ["item"] = new JsonObject { ["id"] = "lhasa", ["name"] = "拉萨市" },
        ["plan"] = new JsonObject { ["lhasa"] = JsonNode.Parse("""{"summary":"计划概述","measures":[{"level":"county","unit":"城关区","measure":"管网改造"}]}""") },
        ["results"] = JsonNode.Parse("""
            [{"prefecture":"lhasa","prefecture_name":"拉萨市","verdict":"fail",
              "findings":[{"subject":"化学需氧量","outcome":"failed","actual":"-0.2%","required":"-0.6%"}]},
             {"prefecture":"shigatse","prefecture_name":"日喀则市","verdict":"pass","findings":[]}]
            """),
    };

    /// <summary>A letter or digit, not itself the end of an expression (`@Label@if` is fine), then `@` and a keyword.</summary>
    [GeneratedRegex(@"(?<!@[\w.]*)[\p{L}\p{N}]@(?:if|else|foreach|for|while|do|switch|try|lock|using|code)\b")]
    private static partial Regex StatementAfterText();

    [GeneratedRegex(@"@(?:if|else|foreach|for|while|do|switch|case|default|break|code|functions|using|inject|page|layout|inherits|implements|model|namespace|attribute|typeparam|rendermode|section|try|catch|finally|lock|await)\b|@[\(\{\*]|[\{\}]")]
    private static partial Regex RazorSource();
}
