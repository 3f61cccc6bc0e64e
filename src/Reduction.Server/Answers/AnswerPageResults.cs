using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Reduction.Notifications.Links;
using Reduction.Server.Answers.Forms;
using Reduction.Server.Components.Pages.Tasks;
using Reduction.Workflows.Persistence;

namespace Reduction.Server.Answers;

/// <summary>The task pages as results: a component rendered statically with the status code it stands for.</summary>
internal static class AnswerPageResults
{
    public static RazorComponentResult Task(TaskView view, FormState state, Guid submissionKey, int statusCode = StatusCodes.Status200OK, string? notice = null, bool noticeIsError = false, AnswerPageOptions? options = null, WorkbookUploadState? upload = null) =>
        new RazorComponentResult<TaskPage>(new Dictionary<string, object?>
        {
            [nameof(TaskPage.Upload)] = upload,
            [nameof(TaskPage.MaxWorkbookBytes)] = Workbooks.AssessmentDataUpload.MaxBytes(options ?? new AnswerPageOptions()),
            [nameof(TaskPage.View)] = view,
            [nameof(TaskPage.State)] = state,
            [nameof(TaskPage.SubmissionKey)] = submissionKey,
            [nameof(TaskPage.Notice)] = notice,
            [nameof(TaskPage.NoticeIsError)] = noticeIsError,
            [nameof(TaskPage.MaxAttachmentBytes)] = (options ?? new AnswerPageOptions()).MaxAttachmentBytes,
            [nameof(TaskPage.MaxAttachments)] = (options ?? new AnswerPageOptions()).MaxAttachments,
        })
        { StatusCode = statusCode };

    public static RazorComponentResult Receipt(TaskView view, TaskSubmissionRecord submission, bool isReceipt, bool repeated) =>
        new RazorComponentResult<ReceiptPage>(new Dictionary<string, object?>
        {
            [nameof(ReceiptPage.View)] = view,
            [nameof(ReceiptPage.Submission)] = submission,
            [nameof(ReceiptPage.IsReceipt)] = isReceipt,
            [nameof(ReceiptPage.Repeated)] = repeated,
        });

    /// <summary>404 for anything that is not a live link (nothing more is said), 410 for an expired or revoked one.</summary>
    public static RazorComponentResult LinkProblem(TaskLinkResolution resolution, string token) =>
        new RazorComponentResult<LinkProblemPage>(new Dictionary<string, object?>
        {
            [nameof(LinkProblemPage.Status)] = resolution.Status,
            [nameof(LinkProblemPage.Message)] = resolution.Message ?? TaskLinkResolution.Invalid.Message,
            [nameof(LinkProblemPage.Token)] = resolution.Status == TaskLinkStatus.Invalid ? null : token,
        })
        { StatusCode = resolution.Status == TaskLinkStatus.Invalid ? StatusCodes.Status404NotFound : StatusCodes.Status410Gone };

    public static RazorComponentResult Message(int statusCode, string heading, string message, string? backHref = null, string? backText = null) =>
        new RazorComponentResult<MessagePage>(new Dictionary<string, object?>
        {
            [nameof(MessagePage.Heading)] = heading,
            [nameof(MessagePage.Message)] = message,
            [nameof(MessagePage.BackHref)] = backHref,
            [nameof(MessagePage.BackText)] = backText,
        })
        { StatusCode = statusCode };

    public static AnswerPageOptions Options(HttpContext http) => http.RequestServices.GetRequiredService<IOptions<AnswerPageOptions>>().Value;
}
