using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Reduction.Notifications.Links;
using Reduction.Server.Tests.Support;
using Reduction.Workflows.Auditing;
using Reduction.Workflows.Persistence;

namespace Reduction.Server.Tests.Answers;

/// <summary>The public task pages end to end: in-process server, real PostgreSQL and Hangfire, real forms.</summary>
[Collection(AnswerCollection.Name)]
public sealed class AnswerPagesTests(AnswerFixture fixture)
{
    [Fact]
    public async Task Open_ValidLink_ShowsTaskDueInBeijingTimeAndItsForm()
    {
        var task = await fixture.PlanTaskAsync();
        using var browser = fixture.Browser();

        var page = await AnswerPage.GetAsync(browser, $"/t/{await fixture.TokenAsync(task.Id)}");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("2015年度主要污染物总量减排计划和实施方案（拉萨市）", page.Html, StringComparison.Ordinal);
        Assert.Contains("2015年3月15日 23:59:59（北京时间）", page.Html, StringComparison.Ordinal);
        Assert.Contains("已逾期", page.Html, StringComparison.Ordinal);
        Assert.Contains("name=\"measures[0].level\"", page.Html, StringComparison.Ordinal);
        Assert.Contains("name=\"planned.NH3-N\"", page.Html, StringComparison.Ordinal);
        Assert.True(page.HasForm);
        Assert.NotNull(page.Csrf);
    }

    [Theory]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("not-a-token")]
    public async Task Open_ForgedOrUnknownToken_404RevealingNothing(string token)
    {
        await fixture.PlanTaskAsync();
        using var browser = fixture.Browser();

        var page = await AnswerPage.GetAsync(browser, $"/t/{token}");

        Assert.Equal(HttpStatusCode.NotFound, page.Status);
        Assert.Contains("链接无效", page.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("拉萨", page.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("<form", page.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Open_LinkOfATaskClosedLongAgo_410WithHowToGetANewLink()
    {
        var task = await fixture.PlanTaskAsync();
        var token = await fixture.TokenAsync(task.Id);
        using var browser = fixture.Browser();
        var open = await AnswerPage.GetAsync(browser, $"/t/{token}");
        Assert.Equal(HttpStatusCode.OK, (await open.PostAsync(browser, $"/t/{token}", SampleAnswers.AnnualPlan())).Status);
        await fixture.CloseLongAgoAsync(task.Id);

        var page = await AnswerPage.GetAsync(browser, $"/t/{token}");

        Assert.Equal(HttpStatusCode.Gone, page.Status);
        Assert.Contains("链接已失效", page.Html, StringComparison.Ordinal);
        Assert.Contains("重新发送链接到登记邮箱", page.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("拉萨", page.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reissue_RevokedLinkOfAnOpenTask_OneNewLinkToTheAssigneeThen429()
    {
        var task = await fixture.PlanTaskAsync();
        var token = await fixture.TokenAsync(task.Id);
        await fixture.Services.GetRequiredService<TaskLinkService>().RevokeAsync(task.Id, "测试");
        using var browser = fixture.Browser();
        var gone = await AnswerPage.GetAsync(browser, $"/t/{token}");
        Assert.Equal(HttpStatusCode.Gone, gone.Status);
        Assert.Contains("已作废", gone.Html, StringComparison.Ordinal);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["__csrf"] = gone.Csrf! });
            using var response = await browser.PostAsync(new Uri($"/t/{token}/reissue", UriKind.Relative), form);
            statuses.Add(response.StatusCode);
        }

        // Three requests per hour and address are let through, the fourth is refused; of the three, only the first
        // sends a link (one per task within the interval), and only to the assignee.
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, (HttpStatusCode)429], statuses);
        await using var db = fixture.Database.CreateContext();
        var reissued = await db.Notices.AsNoTracking().Where(n => n.TaskId == task.Id && n.IdempotencyKey.Contains(":link-reissued:")).ToListAsync();
        var notice = Assert.Single(reissued);
        Assert.Equal("[\"lhasa\"]", notice.RecipientPartiesJson);
        Assert.Equal("[]", notice.RecipientRolesJson);
    }

    [Fact]
    public async Task Submit_AnnualPlanWithPdf_ReceiptRevisionStoredAndFileServedOnlyByToken_AnswerAndReadsAudited()
    {
        var task = await fixture.PlanTaskAsync();
        var token = await fixture.TokenAsync(task.Id);
        using var browser = fixture.Browser();
        var open = await AnswerPage.GetAsync(browser, $"/t/{token}");
        var pdf = SampleAnswers.Pdf(2048);

        var receipt = await open.PostAsync(browser, $"/t/{token}", SampleAnswers.AnnualPlan(), [("实施方案.pdf", pdf, "application/pdf")]);

        Assert.Equal(HttpStatusCode.OK, receipt.Status);
        Assert.Contains("<h1>回执</h1>", receipt.Html, StringComparison.Ordinal);
        Assert.Contains("第 1 版", receipt.Html, StringComparison.Ordinal);
        Assert.Contains("实施方案.pdf", receipt.Html, StringComparison.Ordinal);
        var sha = Convert.ToHexStringLower(SHA256.HashData(pdf));
        Assert.Contains(sha, receipt.Html, StringComparison.Ordinal);

        var submission = Assert.Single(await fixture.SubmissionsAsync(task.Id));
        var data = JsonNode.Parse(submission.DataJson)!;
        Assert.Equal("county", data["measures"]![0]!["level"]!.GetValue<string>());
        Assert.Equal(10120.5m, data["plannedEmissions"]![0]!["tonnes"]!.GetValue<decimal>());
        Assert.Equal("张明", data["contact"]!["name"]!.GetValue<string>());
        var attachment = data["attachments"]![0]!;
        Assert.Equal("实施方案.pdf", attachment["name"]!.GetValue<string>());
        Assert.Equal(pdf.Length, attachment["size"]!.GetValue<long>());
        Assert.Equal(sha, attachment["sha256"]!.GetValue<string>());
        Assert.True(File.Exists(Path.Combine(fixture.Factory.AttachmentsFolder, task.Id.ToString("D"), "1", "01.pdf")));

        using var file = await browser.GetAsync(new Uri($"/t/{token}/files/1/1", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, file.StatusCode);
        Assert.Equal("application/pdf", file.Content.Headers.ContentType?.MediaType);
        Assert.Equal(pdf, await file.Content.ReadAsByteArrayAsync());
        using var forged = await browser.GetAsync(new Uri($"/t/{new string('B', 43)}/files/1/1", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, forged.StatusCode);
        using var reopened = await browser.GetAsync(new Uri($"/t/{token}", UriKind.Relative));

        // The answer, the file and the page that shows the answer again are each on record, for the task's party,
        // and the link's token (a credential) is nowhere in the log.
        var audit = fixture.Services.GetRequiredService<AuditLog>();
        var entries = (await audit.QueryAsync(new AuditQuery(User: "link:" + task.AssigneePartyId, Take: 10_000)))
            .Where(e => e.TargetId!.StartsWith(task.Id.ToString(), StringComparison.Ordinal)).OrderBy(e => e.Sequence).ToList();
        Assert.Equal(["task.submit", "attachment.read", "task.read"], entries.Select(e => e.Action));
        Assert.All(entries, e => Assert.Equal(AuditOutcomes.Success, e.Outcome));
        Assert.All(entries, e => Assert.Equal(task.AssigneePartyId, e.Party));
        Assert.Equal($"{task.Id}/1/1", entries[1].TargetId);
        Assert.DoesNotContain(await audit.QueryAsync(new AuditQuery(Take: 100_000)), e => (e.TargetId + e.Detail + e.Action).Contains(token, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Submit_SameSubmissionKeyTwice_OneRevision()
    {
        var task = await fixture.PlanTaskAsync();
        var token = await fixture.TokenAsync(task.Id);
        using var browser = fixture.Browser();
        var open = await AnswerPage.GetAsync(browser, $"/t/{token}");

        var pages = await Task.WhenAll(
            open.PostAsync(browser, $"/t/{token}", SampleAnswers.AnnualPlan()),
            open.PostAsync(browser, $"/t/{token}", SampleAnswers.AnnualPlan()));
        var third = await open.PostAsync(browser, $"/t/{token}", SampleAnswers.AnnualPlan());

        Assert.All(pages.Append(third), p => Assert.Equal(HttpStatusCode.OK, p.Status));
        Assert.Contains(pages.Append(third), p => p.Html.Contains("没有重复记录", StringComparison.Ordinal));
        Assert.Single(await fixture.SubmissionsAsync(task.Id));
    }

    [Fact]
    public async Task Submit_WithoutAntiforgeryToken_400AndNothingRecorded()
    {
        var task = await fixture.PlanTaskAsync();
        var token = await fixture.TokenAsync(task.Id);
        using var browser = fixture.Browser();
        var open = await AnswerPage.GetAsync(browser, $"/t/{token}");
        using var stranger = fixture.Browser();

        var withoutToken = await open.PostAsync(browser, $"/t/{token}", SampleAnswers.AnnualPlan(), withCsrf: false);
        var fromAnotherBrowser = await open.PostAsync(stranger, $"/t/{token}", SampleAnswers.AnnualPlan());

        Assert.Equal(HttpStatusCode.BadRequest, withoutToken.Status);
        Assert.Contains("页面已失效", withoutToken.Html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, fromAnotherBrowser.Status);
        Assert.Empty(await fixture.SubmissionsAsync(task.Id));
    }

    [Fact]
    public async Task Submit_FieldErrors_400WithMessagesBesideFieldsAndInputKept()
    {
        var task = await fixture.PlanTaskAsync();
        var token = await fixture.TokenAsync(task.Id);
        using var browser = fixture.Browser();
        var open = await AnswerPage.GetAsync(browser, $"/t/{token}");
        var answer = SampleAnswers.AnnualPlan("我们的计划概述<保留>");
        answer["planned.COD"] = "一万吨";
        answer.Remove("measures[2].level");
        answer.Remove("measures[2].unit");
        answer.Remove("measures[2].measure");

        var page = await open.PostAsync(browser, $"/t/{token}", answer);

        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.Contains("化学需氧量（COD）计划排放量应为数字", page.Html, StringComparison.Ordinal);
        Assert.Contains("缺少：企业", page.Html, StringComparison.Ordinal);
        Assert.Contains("value=\"一万吨\"", page.Html, StringComparison.Ordinal);
        Assert.Contains("我们的计划概述&lt;保留&gt;</textarea>", page.Html, StringComparison.Ordinal);
        Assert.Contains("value=\"城关区人民政府\"", page.Html, StringComparison.Ordinal);
        Assert.True(page.HasForm);
        Assert.Empty(await fixture.SubmissionsAsync(task.Id));
    }

    [Fact]
    public async Task Submit_AttachmentOver20MB_413PageWithTheFormAgain()
    {
        var task = await fixture.PlanTaskAsync();
        var token = await fixture.TokenAsync(task.Id);
        using var browser = fixture.Browser();
        var open = await AnswerPage.GetAsync(browser, $"/t/{token}");

        var page = await open.PostAsync(browser, $"/t/{token}", SampleAnswers.AnnualPlan(), [("大文件.pdf", SampleAnswers.Pdf(21 * 1024 * 1024), "application/pdf")]);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, page.Status);
        Assert.Contains("附件“大文件.pdf”大小为 21 MB，超过 20 MB 的上限", page.Html, StringComparison.Ordinal);
        Assert.Contains("value=\"城关区人民政府\"", page.Html, StringComparison.Ordinal);
        Assert.Empty(await fixture.SubmissionsAsync(task.Id));
    }

    [Theory]
    [InlineData("setup.exe", "MZ\u0090\u0000", "只接受 PDF、DOCX、XLSX")]
    [InlineData("renamed.pdf", "PK\u0003\u0004 not a pdf", "扩展名与文件内容不符")]
    [InlineData("fake.docx", "%PDF-1.4 not a package", "扩展名与文件内容不符")]
    public async Task Submit_WrongFileType_415ByExtensionOrContent(string name, string content, string message)
    {
        var task = await fixture.PlanTaskAsync();
        var token = await fixture.TokenAsync(task.Id);
        using var browser = fixture.Browser();
        var open = await AnswerPage.GetAsync(browser, $"/t/{token}");

        var page = await open.PostAsync(browser, $"/t/{token}", SampleAnswers.AnnualPlan(), [(name, Encoding.Latin1.GetBytes(content), "application/octet-stream")]);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, page.Status);
        Assert.Contains(message, page.Html, StringComparison.Ordinal);
        Assert.Empty(await fixture.SubmissionsAsync(task.Id));
    }

    [Fact]
    public async Task Submit_Docx_AcceptedWhenItIsAWordPackage()
    {
        var task = await fixture.PlanTaskAsync();
        var token = await fixture.TokenAsync(task.Id);
        using var browser = fixture.Browser();
        var open = await AnswerPage.GetAsync(browser, $"/t/{token}");

        var page = await open.PostAsync(browser, $"/t/{token}", SampleAnswers.AnnualPlan(), [("方案.docx", OfficePackage("word/document.xml"), "application/octet-stream")]);

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("方案.docx", page.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AfterClose_PageIsReadOnlyAndAFurtherPostIsRefused()
    {
        var task = await fixture.PlanTaskAsync();
        var token = await fixture.TokenAsync(task.Id);
        using var browser = fixture.Browser();
        var open = await AnswerPage.GetAsync(browser, $"/t/{token}");
        await open.PostAsync(browser, $"/t/{token}", SampleAnswers.AnnualPlan());

        var closed = await AnswerPage.GetAsync(browser, $"/t/{token}");
        var again = await open.PostAsync(browser, $"/t/{token}", SampleAnswers.AnnualPlan("再交一次"), submissionKey: Guid.NewGuid().ToString());

        Assert.Equal(HttpStatusCode.OK, closed.Status);
        Assert.Contains("任务已办结", closed.Html, StringComparison.Ordinal);
        Assert.Contains("拉萨水泥厂", closed.Html, StringComparison.Ordinal);
        Assert.False(closed.HasForm);
        Assert.Equal(HttpStatusCode.Conflict, again.Status);
        Assert.Single(await fixture.SubmissionsAsync(task.Id));
    }

    [Fact]
    public async Task Countersign_RevisionsUntilClose_EveryRevisionKeptAndListed()
    {
        var (instanceId, tasks) = await fixture.StartAsync("page-countersign");
        var epb = tasks.Single(t => t.AssigneePartyId == "epb");
        var drc = tasks.Single(t => t.AssigneePartyId == "drc");
        var token = await fixture.TokenAsync(epb.Id);
        using var browser = fixture.Browser();

        var first = await AnswerPage.GetAsync(browser, $"/t/{token}");
        var agreed = await first.PostAsync(browser, $"/t/{token}", new Dictionary<string, string> { ["decision"] = "agree", ["contact.name"] = "李华" });
        var second = await AnswerPage.GetAsync(browser, $"/t/{token}");
        var missingOpinion = await second.PostAsync(browser, $"/t/{token}", new Dictionary<string, string> { ["decision"] = "disagree", ["contact.name"] = "李华" });
        var revised = await second.PostAsync(browser, $"/t/{token}", new Dictionary<string, string>
        {
            ["decision"] = "disagree",
            ["opinion"] = "现场核查发现拉萨市有效传输条数有误",
            ["corrections[0].prefecture"] = "lhasa",
            ["corrections[0].item"] = "monitoring.transmission.valid",
            ["corrections[0].value"] = "7400",
            ["contact.name"] = "李华",
        });
        var listing = await AnswerPage.GetAsync(browser, $"/t/{token}");
        var firstRevision = await AnswerPage.GetAsync(browser, $"/t/{token}/revisions/1");

        Assert.Equal(HttpStatusCode.OK, agreed.Status);
        Assert.Contains("修改并重新提交（将成为第 2 版）", second.Html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, missingOpinion.Status);
        Assert.Contains("请填写不同意的理由和核查情况", missingOpinion.Html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, revised.Status);
        Assert.Contains("第 2 版", revised.Html, StringComparison.Ordinal);
        Assert.Contains("第 1 版", listing.Html, StringComparison.Ordinal);
        Assert.Contains("第 2 版", listing.Html, StringComparison.Ordinal);
        Assert.Contains("同意", firstRevision.Html, StringComparison.Ordinal);
        var submissions = await fixture.SubmissionsAsync(epb.Id);
        Assert.Equal([1, 2], submissions.Select(s => s.Revision));
        var corrected = JsonNode.Parse(submissions[1].DataJson)!;
        Assert.Equal(7400, corrected["corrections"]!["lhasa"]!["monitoring"]!["transmission"]!["valid"]!.GetValue<long>());

        // The other department answers: the countersign closes, and the EPB's page becomes read-only.
        var drcToken = await fixture.TokenAsync(drc.Id);
        var drcPage = await AnswerPage.GetAsync(browser, $"/t/{drcToken}");
        await drcPage.PostAsync(browser, $"/t/{drcToken}", new Dictionary<string, string> { ["decision"] = "agree", ["contact.name"] = "王强" });
        await Eventually.TrueAsync(async () => (await fixture.InstanceAsync(instanceId)).Status == InstanceStatus.Completed, TimeSpan.FromSeconds(30), "countersign completed");
        var closed = await AnswerPage.GetAsync(browser, $"/t/{token}");
        Assert.Contains("任务已办结", closed.Html, StringComparison.Ordinal);
        Assert.False(closed.HasForm);
        var late = await second.PostAsync(browser, $"/t/{token}", new Dictionary<string, string> { ["decision"] = "agree", ["contact.name"] = "李华" }, submissionKey: Guid.NewGuid().ToString());
        Assert.Equal(HttpStatusCode.Conflict, late.Status);
        Assert.Equal(2, (await fixture.SubmissionsAsync(epb.Id)).Count);
    }

    [Fact]
    public async Task PlanReview_ShowsThePlanWithItsAttachmentAndTheDecisionMovesTheWorkflowOn()
    {
        var task = await fixture.PlanTaskAsync();
        var token = await fixture.TokenAsync(task.Id);
        using var browser = fixture.Browser();
        var pdf = SampleAnswers.Pdf(100);
        var open = await AnswerPage.GetAsync(browser, $"/t/{token}");
        await open.PostAsync(browser, $"/t/{token}", SampleAnswers.AnnualPlan(), [("实施方案.pdf", pdf, "application/pdf")]);
        var review = await Eventually.ReturnsAsync(
            async () => (await fixture.Services.GetRequiredService<Reduction.Workflows.Tasks.TaskService>().ListAsync(task.InstanceId)).FirstOrDefault(t => t.Kind == "plan-review"),
            TimeSpan.FromSeconds(30), "plan-review issued");
        var reviewToken = await fixture.TokenAsync(review.Id);

        var page = await AnswerPage.GetAsync(browser, $"/t/{reviewToken}");
        using var file = await browser.GetAsync(new Uri($"/t/{reviewToken}/plan-files/1", UriKind.Relative));
        var decided = await page.PostAsync(browser, $"/t/{reviewToken}", new Dictionary<string, string> { ["decision"] = "accept", ["contact.name"] = "总量处" });

        Assert.Equal("epb", review.AssigneePartyId);
        Assert.Contains("报送的年度计划（拉萨市）", page.Html, StringComparison.Ordinal);
        Assert.Contains("拉萨水泥厂", page.Html, StringComparison.Ordinal);
        Assert.Contains("name=\"decision\" value=\"return\"", page.Html, StringComparison.Ordinal);
        Assert.Equal(pdf, await file.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.OK, decided.Status);
        await Eventually.TrueAsync(async () => (await fixture.InstanceAsync(task.InstanceId)).Status == InstanceStatus.Completed, TimeSpan.FromSeconds(30), "annual-plan completed");
    }

    [Fact]
    public async Task AddRow_ReShowsTheFormWithOneMoreRowWithoutSubmitting()
    {
        var task = await fixture.PlanTaskAsync();
        var token = await fixture.TokenAsync(task.Id);
        using var browser = fixture.Browser();
        var open = await AnswerPage.GetAsync(browser, $"/t/{token}");
        var answer = SampleAnswers.AnnualPlan();
        answer["rows.measures"] = "4";
        answer["add"] = "measures";

        var page = await open.PostAsync(browser, $"/t/{token}", answer);

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("name=\"measures[4].level\"", page.Html, StringComparison.Ordinal);
        Assert.Contains("value=\"拉萨水泥厂\"", page.Html, StringComparison.Ordinal);
        Assert.Empty(await fixture.SubmissionsAsync(task.Id));
    }

    private static byte[] OfficePackage(string mainPart)
    {
        using var buffer = new MemoryStream();
        using (var zip = new System.IO.Compression.ZipArchive(buffer, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var name in new[] { "[Content_Types].xml", mainPart })
            {
                using var writer = new StreamWriter(zip.CreateEntry(name).Open());
                writer.Write("<?xml version=\"1.0\"?><x/>");
            }
        }

        return buffer.ToArray();
    }
}
