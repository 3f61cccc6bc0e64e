using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Reduction.Domain.Assessment.Contract;
using Reduction.Domain.Parties;
using Reduction.Domain.PlanPeriods;
using Reduction.Ledger.Workbooks;
using Reduction.Server.Tests.Support;
using Reduction.Testing;
using Reduction.Workflows.Auditing;
using Reduction.Workflows.Execution;
using Reduction.Workflows.Persistence;

namespace Reduction.Server.Tests.Answers;

/// <summary>The assessment data as a workbook on the task page: the template by the task's link, and the upload
/// through the form's own checks and submission, refused cell by cell with nothing submitted.</summary>
[Collection(AnswerCollection.Name)]
public sealed class AssessmentDataUploadTests(AnswerFixture fixture)
{
    private static readonly JsonObject Lhasa = new() { ["id"] = "lhasa", ["name"] = "拉萨市" };

    [Fact]
    public async Task Template_ByTheTasksLink_LaidOutForItsPrefectureAndYear_OnlyWhileOpen_NeverForAForgedLink()
    {
        var (_, tasks) = await fixture.StartAsync("page-data", new JsonObject { ["year"] = 2015, ["item"] = Lhasa.DeepClone() });
        var token = await fixture.TokenAsync(tasks.Single().Id);
        using var browser = fixture.Browser();

        var page = await AnswerPage.GetAsync(browser, $"/t/{token}");
        Assert.Contains("<h2>以 Excel 报送</h2>", page.Html, StringComparison.Ordinal);
        Assert.Contains($"href=\"/t/{token}/workbook\"", page.Html, StringComparison.Ordinal);
        Assert.Contains("下载考核数据模板（2014 年度，拉萨市）", page.Html, StringComparison.Ordinal);
        Assert.Contains($"<form method=\"post\" action=\"/t/{token}/workbook\" enctype=\"multipart/form-data\"", page.Html, StringComparison.Ordinal);

        using var template = await browser.GetAsync(new Uri($"/t/{token}/workbook", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, template.StatusCode);
        Assert.Equal(WorkbookKinds.ContentType, template.Content.Headers.ContentType?.MediaType);
        Assert.Equal("考核数据-2014-拉萨市.xlsx", template.Content.Headers.ContentDisposition?.FileNameStar);
        Assert.True(template.Headers.CacheControl?.NoStore);
        var rows = TestWorkbook.Read(await template.Content.ReadAsByteArrayAsync(), AssessmentDataSheets.Emissions);
        Assert.Equal(15, rows.Count - 1);
        Assert.All(rows.Skip(1), r => Assert.Equal("拉萨市", r["A"]));

        using var forged = await browser.GetAsync(new Uri($"/t/{new string('D', 43)}/workbook", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, forged.StatusCode);
        Assert.DoesNotContain("拉萨", await forged.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // Another kind of task has no workbook.
        var plan = await fixture.PlanTaskAsync();
        using var other = await browser.GetAsync(new Uri($"/t/{await fixture.TokenAsync(plan.Id)}/workbook", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        Assert.DoesNotContain("以 Excel 报送", (await AnswerPage.GetAsync(browser, $"/t/{await fixture.TokenAsync(plan.Id)}")).Html, StringComparison.Ordinal);

        // Submitted, the task closes: no template any more, and once closed long ago the link itself is gone.
        Assert.Equal(HttpStatusCode.OK, (await UploadAsync(browser, token, page, SampleAssessmentWorkbook.Lhasa2014().ToBytes())).Status);
        await Eventually.TrueAsync(async () => (await fixture.TaskAsync(tasks.Single().Id))!.ClosedAt is not null, TimeSpan.FromSeconds(30), "task closed");
        using var closed = await browser.GetAsync(new Uri($"/t/{token}/workbook", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Conflict, closed.StatusCode);
        Assert.Contains("该任务已办结", await closed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await fixture.CloseLongAgoAsync(tasks.Single().Id);
        using var expired = await browser.GetAsync(new Uri($"/t/{token}/workbook", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Gone, expired.StatusCode);
    }

    [Fact]
    public async Task Upload_TheFiguresTypedElsewhere_TheSameAnswerAndCase_AuditedAsASubmission()
    {
        var typed = await fixture.StartAsync("page-data", new JsonObject { ["year"] = 2015, ["item"] = Lhasa.DeepClone() });
        var uploaded = await fixture.StartAsync("page-data", new JsonObject { ["year"] = 2015, ["item"] = Lhasa.DeepClone() });
        var typedToken = await fixture.TokenAsync(typed.Tasks.Single().Id);
        var uploadToken = await fixture.TokenAsync(uploaded.Tasks.Single().Id);
        using var browser = fixture.Browser();
        var answer = AssessmentDataPageTests.Answer();
        answer["pollutants.COD.urbanDomestic"] = "5200";
        Assert.Contains("<h1>回执</h1>", (await (await AnswerPage.GetAsync(browser, $"/t/{typedToken}")).PostAsync(browser, $"/t/{typedToken}", answer)).Html, StringComparison.Ordinal);

        var open = await AnswerPage.GetAsync(browser, $"/t/{uploadToken}");
        var receipt = await UploadAsync(browser, uploadToken, open, SampleAssessmentWorkbook.Lhasa2014().ToBytes(), "考核数据-2014-拉萨市.xlsx");

        Assert.Equal(HttpStatusCode.OK, receipt.Status);
        Assert.Contains("<h1>回执</h1>", receipt.Html, StringComparison.Ordinal);
        Assert.Contains("第 1 版", receipt.Html, StringComparison.Ordinal);
        var byForm = Answer(Assert.Single(await fixture.SubmissionsAsync(typed.Tasks.Single().Id)));
        var byWorkbook = Answer(Assert.Single(await fixture.SubmissionsAsync(uploaded.Tasks.Single().Id)));
        Assert.Equal(byForm.ToJsonString(), byWorkbook.ToJsonString());

        // Both become the workflow's case, and the case evaluates to the same findings.
        var cases = new List<JsonObject>();
        foreach (var instance in new[] { typed.InstanceId, uploaded.InstanceId })
        {
            await Eventually.TrueAsync(async () => (await fixture.InstanceAsync(instance)).Status == InstanceStatus.Completed, TimeSpan.FromSeconds(30), "assessment-data completed");
            cases.Add(InstanceState.Parse((await fixture.InstanceAsync(instance)).StateJson).Variables["case"]!.AsObject());
        }

        Assert.Equal(Findings(cases[0]), Findings(cases[1]));
        Assert.Contains("pollutant-target", Findings(cases[1]), StringComparison.Ordinal);

        // The upload is on record as the form's answer is, naming the workbook (never the link's token).
        var audit = fixture.Services.GetRequiredService<AuditLog>();
        var submit = Assert.Single(await audit.QueryAsync(new AuditQuery(User: "link:lhasa", Action: "task.submit", Take: 10_000)), e => e.TargetId == uploaded.Tasks.Single().Id.ToString());
        Assert.Equal((AuditOutcomes.Success, "lhasa"), (submit.Outcome, submit.Party));
        Assert.StartsWith("workbook=考核数据-2014-拉萨市.xlsx bytes=", submit.Detail, StringComparison.Ordinal);
        Assert.Contains(" sha256=", submit.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain(uploadToken, submit.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Upload_WrongCells_ErrorTableWithSheetRowColumnValueAndWhy_NothingSubmitted_ThenFixedAccepted()
    {
        var (_, tasks) = await fixture.StartAsync("page-data", new JsonObject { ["year"] = 2015, ["item"] = Lhasa.DeepClone() });
        var token = await fixture.TokenAsync(tasks.Single().Id);
        using var browser = fixture.Browser();
        var open = await AnswerPage.GetAsync(browser, $"/t/{token}");
        var sample = SampleAssessmentWorkbook.Lhasa2014();
        sample.Emissions[1] = ["日喀则市", 2014, "COD", "工业源", 3150];
        sample.Emissions[2] = ["拉萨市", 2014, "COD", "城镇生活源", "0.52万吨"];
        sample.Targets[1] = ["拉萨市", 2014, "COD", "较上年变化率", -0.6, null, null];
        sample.Projects[1] = ["拉萨市", "拉萨市污水处理厂二期", "2014-12-31", "已投运", "2014-11-20", null];
        sample.Monitoring[3] = ["拉萨市", 2014, "自动监控数据有效条数", 9500];

        // A cell the ledger reader refuses: the figures the form checks together are not looked at yet.
        var refused = await UploadAsync(browser, token, open, sample.ToBytes());

        Assert.Equal((HttpStatusCode)422, refused.Status);
        Assert.Contains("上传的工作簿有 2 处错误，没有提交", refused.Html, StringComparison.Ordinal);
        Assert.Contains("<th>工作表</th><th>行</th><th>列</th><th>值</th><th>原因</th>", refused.Html, StringComparison.Ordinal);
        Assert.Contains("data-cell=\"排放量!A2\"", refused.Html, StringComparison.Ordinal);
        Assert.Contains("只能包含本单位（拉萨市）的数据", refused.Html, StringComparison.Ordinal);
        Assert.Contains("data-cell=\"排放量!E3\"", refused.Html, StringComparison.Ordinal);
        Assert.Contains("请换算为 5200 吨", refused.Html, StringComparison.Ordinal);
        Assert.Contains("value=\"赵磊\"", refused.Html, StringComparison.Ordinal);
        Assert.Empty(await fixture.SubmissionsAsync(tasks.Single().Id));

        // Every cell readable: the form's own checks, each at the cell its figure came from, in the form's order
        // (the fields first, then the evaluation's reader over the whole case).
        sample.Emissions[1] = ["拉萨市", 2014, "COD", "工业源", 3150];
        sample.Emissions[2] = ["拉萨市", 2014, "COD", "城镇生活源", 5200];
        var byTheForm = await UploadAsync(browser, token, refused, sample.ToBytes());

        Assert.Equal((HttpStatusCode)422, byTheForm.Status);
        Assert.Contains("上传的工作簿有 1 处错误", byTheForm.Html, StringComparison.Ordinal);
        Assert.Contains("data-cell=\"重点项目!F2\"", byTheForm.Html, StringComparison.Ordinal);
        Assert.Contains("请填写证明材料", byTheForm.Html, StringComparison.Ordinal);

        sample.Projects[1] = ["拉萨市", "拉萨市污水处理厂二期", "2014-12-31", "已投运", "2014-11-20", "拉环验〔2014〕12号"];
        var byTheCase = await UploadAsync(browser, token, byTheForm, sample.ToBytes());

        Assert.Equal((HttpStatusCode)422, byTheCase.Status);
        Assert.Contains("上传的工作簿有 2 处错误", byTheCase.Html, StringComparison.Ordinal);
        Assert.Contains("data-cell=\"减排目标!F2\"", byTheCase.Html, StringComparison.Ordinal);
        Assert.Contains("需要上年排放量", byTheCase.Html, StringComparison.Ordinal);
        Assert.Contains("data-cell=\"监控数据!D4\"", byTheCase.Html, StringComparison.Ordinal);
        Assert.Contains("有效记录数（9500）不能大于接收记录数（9000）", byTheCase.Html, StringComparison.Ordinal);
        Assert.Empty(await fixture.SubmissionsAsync(tasks.Single().Id));

        sample.Targets[1] = ["拉萨市", 2014, "COD", "较上年变化率", -0.6, 10234.5, null];
        sample.Monitoring[3] = ["拉萨市", 2014, "自动监控数据有效条数", 7600];
        var accepted = await UploadAsync(browser, token, byTheCase, sample.ToBytes());

        Assert.Equal(HttpStatusCode.OK, accepted.Status);
        Assert.Contains("<h1>回执</h1>", accepted.Html, StringComparison.Ordinal);
        Assert.Single(await fixture.SubmissionsAsync(tasks.Single().Id));
    }

    [Fact]
    public async Task Upload_OversizeWrongTypeMalformedOrMissing_ClearMessageBesideTheField_NothingSubmitted_NothingEchoed()
    {
        var (_, tasks) = await fixture.StartAsync("page-data", new JsonObject { ["year"] = 2015, ["item"] = Lhasa.DeepClone() });
        var token = await fixture.TokenAsync(tasks.Single().Id);
        using var browser = fixture.Browser();
        var open = await AnswerPage.GetAsync(browser, $"/t/{token}");
        var huge = new byte[(21 * 1024 * 1024) + 7];
        Encoding.ASCII.GetBytes("PK\u0003\u0004").CopyTo(huge, 0);
        Array.Fill(huge, (byte)'Z', 4, huge.Length - 4);

        var tooLarge = await UploadAsync(browser, token, open, huge);
        var wrongName = await UploadAsync(browser, token, open, SampleAssessmentWorkbook.Lhasa2014().ToBytes(), "考核数据.xls");
        var pdf = await UploadAsync(browser, token, open, SampleAnswers.Pdf(64), "考核数据.xlsx");
        var broken = await UploadAsync(browser, token, open, BrokenPackage(), "考核数据.xlsx");
        var none = await UploadAsync(browser, token, open, null);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.Status);
        Assert.Contains("超过 20 MB 的上限，未读取", tooLarge.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("ZZZZZZZZ", tooLarge.Html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, wrongName.Status);
        Assert.Contains("“考核数据.xls”不是 Excel 工作簿（.xlsx）", wrongName.Html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, pdf.Status);
        Assert.Contains("的内容不是有效的 Excel 工作簿", pdf.Html, StringComparison.Ordinal);
        Assert.Equal((HttpStatusCode)422, broken.Status);
        Assert.Contains("无法读取 Excel 文件", broken.Html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, none.Status);
        Assert.Contains("请选择填好的考核数据工作簿（.xlsx）后再上传", none.Html, StringComparison.Ordinal);
        Assert.All(new[] { tooLarge, wrongName, pdf, none }, page => Assert.Contains("aria-invalid=\"true\"", page.Html, StringComparison.Ordinal));
        Assert.Empty(await fixture.SubmissionsAsync(tasks.Single().Id));
    }

    [Fact]
    public async Task Upload_RepeatedWithTheSameKey_OneRevision_ForgedLink404_WithoutAntiforgery400_ClosedTask409()
    {
        var (_, tasks) = await fixture.StartAsync("page-data", new JsonObject { ["year"] = 2015, ["item"] = Lhasa.DeepClone() });
        var token = await fixture.TokenAsync(tasks.Single().Id);
        using var browser = fixture.Browser();
        var open = await AnswerPage.GetAsync(browser, $"/t/{token}");
        var workbook = SampleAssessmentWorkbook.Lhasa2014().ToBytes();

        var forged = await UploadAsync(browser, new string('E', 43), open, workbook);
        var withoutToken = await UploadAsync(browser, token, open, workbook, withCsrf: false);
        Assert.Equal(HttpStatusCode.NotFound, forged.Status);
        Assert.Contains("链接无效", forged.Html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, withoutToken.Status);
        Assert.Contains("本次上传未被接受", withoutToken.Html, StringComparison.Ordinal);
        Assert.Empty(await fixture.SubmissionsAsync(tasks.Single().Id));

        var first = await UploadAsync(browser, token, open, workbook);
        var again = await UploadAsync(browser, token, open, workbook);

        Assert.Contains("<h1>回执</h1>", first.Html, StringComparison.Ordinal);
        Assert.Contains("此前已收到本次提交（第 1 版），没有重复记录。", again.Html, StringComparison.Ordinal);
        Assert.Single(await fixture.SubmissionsAsync(tasks.Single().Id));

        // A new page of the closed task: its form is gone, and a post from an earlier page with a new key is refused.
        await Eventually.TrueAsync(async () => (await fixture.TaskAsync(tasks.Single().Id))!.ClosedAt is not null, TimeSpan.FromSeconds(30), "task closed");
        var closed = await AnswerPage.GetAsync(browser, $"/t/{token}");
        Assert.DoesNotContain("以 Excel 报送", closed.Html, StringComparison.Ordinal);
        var late = await UploadAsync(browser, token, open, workbook, submissionKey: Guid.NewGuid().ToString("D"));
        Assert.Equal(HttpStatusCode.Conflict, late.Status);
        Assert.Contains("该任务已办结，不能再提交或修改。", late.Html, StringComparison.Ordinal);
        Assert.Single(await fixture.SubmissionsAsync(tasks.Single().Id));
    }

    [Fact]
    public void MonitoringItems_AreTheFormsCountsInItsOrder_AndTheProjectLimitIsTheForms()
    {
        Assert.Equal(
            Server.Answers.Forms.AssessmentDataForm.MonitoringFields.Select(f => f.Path),
            AssessmentDataSheets.MonitoringItems.Select(i => $"monitoring.{i.Group}.{i.Field}"));
        Assert.Equal(Server.Answers.Forms.AssessmentDataForm.MaxProjects, AssessmentDataSheets.MaxProjects);
        Assert.Equal(Reduction.Server.Answers.Forms.FormInput.MaxTextLength, AssessmentDataSheets.EvidenceLength);
    }

    /// <summary>Posts the upload form as the page would: its antiforgery token and submission key, the contact, the workbook.</summary>
    internal static async Task<AnswerPage> UploadAsync(
        HttpClient browser,
        string token,
        AnswerPage page,
        byte[]? workbook,
        string name = "考核数据.xlsx",
        bool withCsrf = true,
        string? submissionKey = null)
    {
        using var content = AnswerPage.Form(new Dictionary<string, string> { ["contact.name"] = "赵磊", ["contact.phone"] = "0891-6000000" }, null, withCsrf ? page.Csrf : null, submissionKey ?? page.SubmissionKey);
        if (workbook is not null)
        {
            var part = new ByteArrayContent(workbook);
            part.Headers.ContentType = new MediaTypeHeaderValue(WorkbookKinds.ContentType);
            content.Add(part, "workbook", name);
        }

        using var response = await browser.PostAsync(new Uri($"/t/{token}/workbook", UriKind.Relative), content);
        return new AnswerPage(response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>A submission's answer without what differs by nature (the submission key, who filled it in).</summary>
    private static JsonObject Answer(TaskSubmissionRecord submission)
    {
        var data = JsonNode.Parse(submission.DataJson)!.AsObject();
        data.Remove("submissionKey");
        data.Remove("contact");
        return data;
    }

    private static string Findings(JsonObject assessmentCase)
    {
        var candidate = (JsonObject)assessmentCase.DeepClone();
        candidate["prefecture"] = "lhasa";
        candidate["year"] = 2014;
        var input = AssessInputReader.Read(new JsonObject { ["cases"] = new JsonArray(candidate) }.ToJsonString(), PlanPeriodCatalog.LoadDefault(), PartyDirectory.LoadDefault());
        Assert.Empty(input.Errors);
        var evaluated = input.Cases.Select(c => (Input: c, Result: c.Case.Evaluate(c.Period))).ToList();
        return JsonNode.Parse(AssessJsonWriter.Write(evaluated))!["results"]![0]!["findings"]!.ToJsonString();
    }

    /// <summary>An XLSX package by its parts' names, with nothing readable in them.</summary>
    private static byte[] BrokenPackage()
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var part in new[] { "[Content_Types].xml", "xl/workbook.xml" })
            {
                using var writer = new StreamWriter(zip.CreateEntry(part).Open());
                writer.Write("<not-xml");
            }
        }

        return stream.ToArray();
    }
}
