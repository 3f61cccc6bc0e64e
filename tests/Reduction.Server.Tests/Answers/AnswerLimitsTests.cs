using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Reduction.Server.Answers.Forms;

namespace Reduction.Server.Tests.Answers;

/// <summary>Oversize and malformed posts to a task page: refused early with a Chinese page, never a 500, and nothing
/// of the oversize input shown back.</summary>
[Collection(AnswerCollection.Name)]
public sealed partial class AnswerLimitsTests(AnswerFixture fixture)
{
    /// <summary>The annual-plan form page itself is some 30 KB; a refusal must not be much more.</summary>
    private const int SmallPage = 100 * 1024;

    [Fact]
    public async Task Submit_FieldOf5MB_413SmallPageWithNothingEchoed()
    {
        using var browser = fixture.Browser();
        var (taskId, path, open) = await OpenPlanAsync(browser);
        var answer = SampleAnswers.AnnualPlan();
        answer["contact.name"] = new string('长', 5 * 1024 * 1024);

        using var content = AnswerPage.Form(answer, null, open.Csrf, open.SubmissionKey);
        using var response = await browser.PostAsync(new Uri(path, UriKind.Relative), content);
        var body = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.True(body.Length < SmallPage, $"{body.Length} bytes");
        var html = Encoding.UTF8.GetString(body);
        Assert.Contains("提交的内容过大", html, StringComparison.Ordinal);
        Assert.DoesNotContain(new string('长', 100), html, StringComparison.Ordinal);
        Assert.Empty(await fixture.SubmissionsAsync(taskId));
    }

    [Fact]
    public async Task Submit_FieldOverItsLimitWithinTheRequestLimit_FieldErrorAndShownCutToTheLimit()
    {
        using var browser = fixture.Browser();
        var (taskId, path, open) = await OpenPlanAsync(browser);
        var answer = SampleAnswers.AnnualPlan();
        answer["contact.name"] = new string('长', 10_000);

        var page = await open.PostAsync(browser, path, answer);

        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.Contains("不能超过 50 字（提交了 10000 字）", page.Html, StringComparison.Ordinal);
        Assert.Contains($"value=\"{new string('长', 50)}\"", page.Html, StringComparison.Ordinal);
        Assert.DoesNotContain(new string('长', 51), page.Html, StringComparison.Ordinal);
        Assert.True(Encoding.UTF8.GetByteCount(page.Html) < SmallPage);
        Assert.Empty(await fixture.SubmissionsAsync(taskId));
    }

    [Fact]
    public async Task Submit_TextAreaWithLineBreaks_CountedAsTheBrowserCountsThem()
    {
        using var browser = fixture.Browser();
        var (taskId, path, open) = await OpenPlanAsync(browser);
        var answer = SampleAnswers.AnnualPlan(string.Join("\r\n", Enumerable.Repeat(new string('计', 99), 200)));

        var page = await open.PostAsync(browser, path, answer);

        // 200 lines of 99 characters and 199 line breaks: 19,999 as the text area counts them, 20,198 as sent.
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("<h1>回执</h1>", page.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Submit_MoreRowsThanTheFormTakes_RowsBoundedAndRefusedWithAChineseMessage()
    {
        using var browser = fixture.Browser();
        var (taskId, path, open) = await OpenPlanAsync(browser);
        var answer = SampleAnswers.AnnualPlan();
        answer["measures[999].unit"] = "第一千个单位";
        answer["rows.measures"] = "999";

        var page = await open.PostAsync(browser, path, answer);

        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.Contains($"减排措施最多 {AnnualPlanForm.MaxMeasures} 行，超出的行未被接受", page.Html, StringComparison.Ordinal);
        Assert.Equal(AnnualPlanForm.MaxMeasures, LevelFields().Matches(page.Html).Count);
        Assert.DoesNotContain("第一千个单位", page.Html, StringComparison.Ordinal);
        Assert.Contains("已达到最多 100 行", page.Html, StringComparison.Ordinal);
        Assert.Empty(await fixture.SubmissionsAsync(taskId));
    }

    [Fact]
    public async Task AddRow_AtTheGroupsLimit_NoFurtherRow()
    {
        using var browser = fixture.Browser();
        var (taskId, path, open) = await OpenPlanAsync(browser);
        var answer = SampleAnswers.AnnualPlan();
        answer["rows.measures"] = AnnualPlanForm.MaxMeasures.ToString(System.Globalization.CultureInfo.InvariantCulture);
        answer["add"] = "measures";

        var page = await open.PostAsync(browser, path, answer);

        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.Contains("减排措施最多 100 行，不能再增加", page.Html, StringComparison.Ordinal);
        Assert.Equal(AnnualPlanForm.MaxMeasures, LevelFields().Matches(page.Html).Count);
    }

    [Fact]
    public async Task Submit_MoreValuesThanTheFormHasFields_413()
    {
        using var browser = fixture.Browser();
        var (taskId, path, open) = await OpenPlanAsync(browser);
        var answer = SampleAnswers.AnnualPlan();
        for (var i = 0; i < 5000; i++)
        {
            answer[$"x{i}"] = "1";
        }

        var page = await open.PostAsync(browser, path, answer);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, page.Status);
        Assert.Contains("栏目数量超过", page.Html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1,5")]
    [InlineData("1,2,3")]
    public async Task Submit_TonnesWithMisplacedComma_FieldErrorNotAnotherNumber(string tonnes)
    {
        using var browser = fixture.Browser();
        var (taskId, path, open) = await OpenPlanAsync(browser);
        var answer = SampleAnswers.AnnualPlan();
        answer["planned.COD"] = tonnes;

        var page = await open.PostAsync(browser, path, answer);

        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.Contains("千位分隔符位置不对", page.Html, StringComparison.Ordinal);
        Assert.Empty(await fixture.SubmissionsAsync(taskId));
    }

    [Theory]
    [InlineData("application/json", "{\"summary\":\"x\"}")]
    [InlineData("text/plain", "summary=x")]
    [InlineData(null, "summary=x")]
    public async Task Post_NotAForm_415ChinesePage(string? contentType, string body)
    {
        using var browser = fixture.Browser();
        var (_, path, _) = await OpenPlanAsync(browser);
        using var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        if (contentType is not null)
        {
            content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        }

        using var response = await browser.PostAsync(new Uri(path, UriKind.Relative), content);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Contains("只接受从任务页面的表单提交的内容", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("multipart/form-data", "--x\r\nContent-Disposition: form-data; name=\"summary\"\r\n\r\nx\r\n--x--\r\n", "缺少有效的分隔符")]
    [InlineData("multipart/form-data; boundary=x", "--x\r\nContent-Disposition: form-data; name=\"summary\"\r\n\r\nunfinished", "格式不正确或不完整")]
    [InlineData("multipart/form-data; boundary=x", "--x\r\nContent-Type: text/plain\r\n\r\nno disposition\r\n--x--\r\n", "缺少 form-data 说明")]
    public async Task Post_MalformedMultipart_400WithTheReason(string contentType, string body, string reason)
    {
        using var browser = fixture.Browser();
        var (_, path, _) = await OpenPlanAsync(browser);
        using var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);

        using var response = await browser.PostAsync(new Uri(path, UriKind.Relative), content);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(reason, html, StringComparison.Ordinal);
        Assert.Contains("lang=\"zh-CN\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Submit_FileNameWithRightToLeftOverride_StoredAndShownWithout()
    {
        using var browser = fixture.Browser();
        var (taskId, path, open) = await OpenPlanAsync(browser);

        var receipt = await open.PostAsync(browser, path, SampleAnswers.AnnualPlan(), [("报告\u202Efdp.exe.pdf", SampleAnswers.Pdf(), "application/pdf")]);

        Assert.Equal(HttpStatusCode.OK, receipt.Status);
        Assert.DoesNotContain('\u202E', receipt.Html);
        Assert.Contains("报告fdp.exe.pdf", receipt.Html, StringComparison.Ordinal);
        var stored = JsonNode.Parse(Assert.Single(await fixture.SubmissionsAsync(taskId)).DataJson)!["attachments"]![0]!["name"]!.GetValue<string>();
        Assert.Equal("报告fdp.exe.pdf", stored);
    }

    private async Task<(Guid TaskId, string Path, AnswerPage Open)> OpenPlanAsync(HttpClient browser)
    {
        var task = await fixture.PlanTaskAsync();
        var path = $"/t/{await fixture.TokenAsync(task.Id)}";
        return (task.Id, path, await AnswerPage.GetAsync(browser, path));
    }

    [GeneratedRegex(@"name=""measures\[\d+\]\.level""")]
    private static partial Regex LevelFields();
}
