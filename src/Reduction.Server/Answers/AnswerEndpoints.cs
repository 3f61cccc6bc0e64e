using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Reduction.Ledger.Workbooks;
using Reduction.Notifications.Links;
using Reduction.Server.Answers.Attachments;
using Reduction.Server.Answers.Forms;
using Reduction.Server.Answers.Links;
using Reduction.Server.Answers.Workbooks;
using Reduction.Server.Components;
using Reduction.Workflows.Auditing;
using Reduction.Workflows.Tasks;

namespace Reduction.Server.Answers;

/// <summary>The public task pages, reachable only by token: `GET /t/{token}` (the task and its form), `POST /t/{token}`
/// (an answer or a revision), `GET /t/{token}/workbook` and `POST /t/{token}/workbook` (the assessment data as a
/// workbook: its template, and its upload through the same checks and submission as the form),
/// `GET /t/{token}/revisions/{n}`, `GET /t/{token}/files/{revision}/{n}` and `POST /t/{token}/reissue` (a new link to
/// the registered address).</summary>
public static class AnswerEndpoints
{
    public static IEndpointRouteBuilder MapAnswerPages(this IEndpointRouteBuilder app)
    {
        var options = app.ServiceProvider.GetRequiredService<IOptions<AnswerPageOptions>>().Value;
        app.MapSiteStyles();
        var pages = app.MapGroup("/t").RequireRateLimiting(AnswerRateLimits.Pages).AddEndpointFilter(async (context, next) =>
        {
            // The token is in the address: never cache the page, never pass the address on, never index it.
            var headers = context.HttpContext.Response.Headers;
            headers.CacheControl = Hosting.SecurityHeaders.NoStore;
            headers["Referrer-Policy"] = "no-referrer";
            headers["X-Robots-Tag"] = "noindex, nofollow";
            headers["X-Content-Type-Options"] = "nosniff";
            headers.ContentSecurityPolicy = "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
            return await next(context);
        });
        pages.MapGet("/{token}", OpenAsync);
        pages.MapPost("/{token}", SubmitAsync).WithMetadata(new RequestSizeLimitAttribute(options.MaxRequestBytes));
        pages.MapGet("/{token}/workbook", WorkbookTemplateAsync);
        pages.MapPost("/{token}/workbook", UploadAsync).WithMetadata(new RequestSizeLimitAttribute(options.MaxRequestBytes));
        pages.MapGet("/{token}/revisions/{revision:int}", RevisionAsync);
        pages.MapGet("/{token}/files/{revision:int}/{index:int}", FileAsync);
        pages.MapGet("/{token}/plan-files/{index:int}", PlanFileAsync);
        pages.MapPost("/{token}/reissue", ReissueAsync).RequireRateLimiting(AnswerRateLimits.Reissue);
        return app;
    }

    private static async Task<IResult> OpenAsync(string token, HttpContext http, TaskPageLoader loader, TaskLinkService links, CancellationToken cancellationToken)
    {
        var (resolution, view) = await loader.OpenAsync(token, cancellationToken);
        if (view is null)
        {
            return AnswerPageResults.LinkProblem(resolution, token);
        }

        // The console's task page shows when each link was last opened.
        await links.MarkOpenedAsync(resolution.LinkId!.Value, cancellationToken);

        return AnswerPageResults.Task(view, await FilledStateAsync(http, view), Guid.NewGuid(), options: AnswerPageResults.Options(http));
    }

    /// <summary>The form filled with the latest revision, if there is one (a read of the answer, audited).</summary>
    private static async Task<FormState> FilledStateAsync(HttpContext http, TaskView view)
    {
        var state = view.Form.Limits(view.FormContext).NewState();
        if (view.Latest is { } latest && view.DataOf(latest) is { } data)
        {
            await TaskPageAudit.ReadAsync(http, view, "task.read", "task", view.Task.Id.ToString(), found: true);
            view.Form.Fill(state, data, view.FormContext);
            state.Values["contact.name"] = data["contact"]?["name"]?.GetValue<string>() ?? string.Empty;
            state.Values["contact.phone"] = data["contact"]?["phone"]?.GetValue<string>() ?? string.Empty;
        }

        return state;
    }

    private static async Task<IResult> SubmitAsync(
        string token,
        HttpContext http,
        TaskPageLoader loader,
        IAntiforgery antiforgery,
        AnswerSubmitter submitter,
        AttachmentStore store,
        CancellationToken cancellationToken)
    {
        var options = AnswerPageResults.Options(http);
        var (resolution, view) = await loader.OpenAsync(token, cancellationToken);
        if (view is null)
        {
            return AnswerPageResults.LinkProblem(resolution, token);
        }

        var limits = view.Form.Limits(view.FormContext);
        var posted = await AnswerFormReader.ReadAsync(http, limits, options, cancellationToken);
        if (posted.Form is not { } form)
        {
            // Nothing of a refused post is shown back: the form again, empty, for a post too large; a message otherwise.
            return posted.StatusCode == StatusCodes.Status413PayloadTooLarge
                ? AnswerPageResults.Task(view, limits.NewState(), Guid.NewGuid(), posted.StatusCode, posted.Problem, noticeIsError: true, options)
                : AnswerPageResults.Message(posted.StatusCode, "无法读取提交内容", posted.Problem!, view.BasePath, "重新打开任务页面");
        }

        if (!await antiforgery.IsRequestValidAsync(http))
        {
            return AnswerPageResults.Message(StatusCodes.Status400BadRequest, "页面已失效",
                "为保护贵单位的数据，本次提交未被接受（页面已过期或不是从本系统的页面提交的）。请重新打开任务页面，填写后再提交。",
                view.BasePath, "重新打开任务页面");
        }

        var state = StateOf(form, http.RequestServices.GetRequiredService<IOptions<AntiforgeryOptions>>().Value.FormFieldName, limits);
        if (!Guid.TryParse(form["submissionKey"], out var submissionKey))
        {
            return AnswerPageResults.Message(StatusCodes.Status400BadRequest, "页面已失效", "提交内容不完整，请重新打开任务页面后再提交。", view.BasePath, "重新打开任务页面");
        }

        if (await submitter.FindAsync(view.Task.Id, submissionKey, cancellationToken) is { } earlier)
        {
            return AnswerPageResults.Receipt(view, earlier, isReceipt: true, repeated: true);
        }

        if (view.IsClosed)
        {
            return AnswerPageResults.Task(view, state, submissionKey, StatusCodes.Status409Conflict, "该任务已办结，不能再提交或修改。", noticeIsError: true, options);
        }

        if (form["add"].ToString() is { Length: > 0 })
        {
            return AnswerPageResults.Task(view, state, submissionKey, state.HasErrors ? StatusCodes.Status400BadRequest : StatusCodes.Status200OK, options: options);
        }

        var data = view.Form.Read(state, view.FormContext);
        var contactName = FormInput.Text(state, "contact.name", "填报人姓名", required: true, maxLength: 50);
        var contactPhone = FormInput.Text(state, "contact.phone", "联系电话", required: false, maxLength: 30);
        var (kept, files, status) = CheckAttachments(view, form, state, store, options);
        if (data is null || state.HasErrors)
        {
            return AnswerPageResults.Task(view, state, submissionKey, status, options: options);
        }

        return await SubmitCheckedAsync(
            http, view, loader, submitter, new CheckedAnswer(submissionKey, data, contactName!, contactPhone, kept, files, Detail: null),
            (fresh, code, message) => AnswerPageResults.Task(fresh, state, Guid.NewGuid(), code, message, noticeIsError: true, options),
            cancellationToken);
    }

    /// <summary>The assessment-data workbook of the task's prefecture and assessed year, laid out to fill in: reached
    /// by the task's link like the page, while the task is open.</summary>
    private static async Task<IResult> WorkbookTemplateAsync(string token, TaskPageLoader loader, CancellationToken cancellationToken)
    {
        var (resolution, view) = await loader.OpenAsync(token, cancellationToken);
        if (view is null)
        {
            return AnswerPageResults.LinkProblem(resolution, token);
        }

        if (WorkbookRefusal(view) is { } refusal)
        {
            return refusal;
        }

        return TypedResults.File(AssessmentDataUpload.Template(view.FormContext), WorkbookKinds.ContentType, AssessmentDataUpload.TemplateName(view.FormContext));
    }

    /// <summary>The assessment data as a filled workbook: the same link, antiforgery, submission key, closed-task and
    /// attachment checks as the form's post; every cell checked and the figures read by the form itself, then
    /// submitted as the form submits. A refused workbook submits nothing: the page lists each refused cell.</summary>
    private static async Task<IResult> UploadAsync(
        string token,
        HttpContext http,
        TaskPageLoader loader,
        IAntiforgery antiforgery,
        AnswerSubmitter submitter,
        AttachmentStore store,
        CancellationToken cancellationToken)
    {
        var options = AnswerPageResults.Options(http);
        var (resolution, view) = await loader.OpenAsync(token, cancellationToken);
        if (view is null)
        {
            return AnswerPageResults.LinkProblem(resolution, token);
        }

        if (WorkbookRefusal(view, closedIsRefused: false) is { } refusal)
        {
            return refusal;
        }

        var limits = view.Form.Limits(view.FormContext);
        var posted = await AnswerFormReader.ReadAsync(http, limits, options, cancellationToken);
        if (posted.Form is not { } form)
        {
            return posted.StatusCode == StatusCodes.Status413PayloadTooLarge
                ? AnswerPageResults.Task(view, limits.NewState(), Guid.NewGuid(), posted.StatusCode, posted.Problem, noticeIsError: true, options, new WorkbookUploadState(limits.NewState()))
                : AnswerPageResults.Message(posted.StatusCode, "无法读取上传内容", posted.Problem!, view.BasePath, "重新打开任务页面");
        }

        if (!await antiforgery.IsRequestValidAsync(http))
        {
            return AnswerPageResults.Message(StatusCodes.Status400BadRequest, "页面已失效",
                "为保护贵单位的数据，本次上传未被接受（页面已过期或不是从本系统的页面上传的）。请重新打开任务页面后再上传。",
                view.BasePath, "重新打开任务页面");
        }

        var state = StateOf(form, http.RequestServices.GetRequiredService<IOptions<AntiforgeryOptions>>().Value.FormFieldName, limits);
        if (!Guid.TryParse(form["submissionKey"], out var submissionKey))
        {
            return AnswerPageResults.Message(StatusCodes.Status400BadRequest, "页面已失效", "上传内容不完整，请重新打开任务页面后再上传。", view.BasePath, "重新打开任务页面");
        }

        if (await submitter.FindAsync(view.Task.Id, submissionKey, cancellationToken) is { } earlier)
        {
            return AnswerPageResults.Receipt(view, earlier, isReceipt: true, repeated: true);
        }

        if (view.IsClosed)
        {
            return AnswerPageResults.Task(view, limits.NewState(), submissionKey, StatusCodes.Status409Conflict, "该任务已办结，不能再提交或修改。", noticeIsError: true, options);
        }

        var contactName = FormInput.Text(state, "contact.name", "填报人姓名", required: true, maxLength: 50);
        var contactPhone = FormInput.Text(state, "contact.phone", "联系电话", required: false, maxLength: 30);
        var (kept, files, status) = CheckAttachments(view, form, state, store, options);
        var workbook = form.Files.GetFile(AssessmentDataUpload.FileField);
        JsonObject? data = null;
        ImportErrors? errors = null;
        string? detail = null;
        if (AssessmentDataUpload.Check(workbook, AssessmentDataUpload.MaxBytes(options)) is { } problem)
        {
            state.Fail(AssessmentDataUpload.FileField, problem.Message);
            status = Worst(status, problem.StatusCode);
        }
        else
        {
            var bytes = new byte[workbook!.Length];
            await using (var content = workbook.OpenReadStream())
            {
                await content.ReadExactlyAsync(bytes, cancellationToken);
            }

            (data, var refused) = AssessmentDataUpload.Read(bytes, view.FormContext);
            errors = refused.Count > 0 ? refused : null;
            detail = string.Create(CultureInfo.InvariantCulture,
                $"workbook={AttachmentCheck.CleanName(workbook.FileName)} bytes={bytes.Length} sha256={Convert.ToHexStringLower(SHA256.HashData(bytes))}");
        }

        if (data is null || state.HasErrors)
        {
            var code = errors is not null && !state.HasErrors ? StatusCodes.Status422UnprocessableEntity : status;
            var notice = errors is { Count: > 0 }
                ? string.Create(CultureInfo.InvariantCulture, $"上传的工作簿有 {errors.Count} 处错误，没有提交。请按下方清单逐处改正后重新上传。")
                : "上传未被接受，没有提交。请查看下方标红的栏目。";
            return AnswerPageResults.Task(view, await FilledStateAsync(http, view), submissionKey, code, notice, noticeIsError: true, options, new WorkbookUploadState(state, errors));
        }

        return await SubmitCheckedAsync(
            http, view, loader, submitter, new CheckedAnswer(submissionKey, data, contactName!, contactPhone, kept, files, detail),
            (fresh, code, message) => AnswerPageResults.Task(fresh, limits.NewState(), Guid.NewGuid(), code, message, noticeIsError: true, options, new WorkbookUploadState(state)),
            cancellationToken);
    }

    /// <summary>The status of a post refused for several reasons: 413 (too large) before 415 (wrong type) before 400.</summary>
    private static int Worst(int one, int other) =>
        one == StatusCodes.Status413PayloadTooLarge || other == StatusCodes.Status413PayloadTooLarge ? StatusCodes.Status413PayloadTooLarge
        : one == StatusCodes.Status415UnsupportedMediaType || other == StatusCodes.Status415UnsupportedMediaType ? StatusCodes.Status415UnsupportedMediaType
        : StatusCodes.Status400BadRequest;

    /// <summary>Null when the task takes its data as a workbook (and, unless told otherwise, is still open), else the page saying why not.</summary>
    private static IResult? WorkbookRefusal(TaskView view, bool closedIsRefused = true)
    {
        if (view.Form is not AssessmentDataForm)
        {
            return AnswerPageResults.Message(StatusCodes.Status404NotFound, "没有该页面", "该任务不以 Excel 工作簿报送，请在任务页面上填写。", view.BasePath, "返回任务页面");
        }

        if (closedIsRefused && view.IsClosed)
        {
            return AnswerPageResults.Message(StatusCodes.Status409Conflict, "任务已办结", "该任务已办结，不能再报送，因此不再提供考核数据模板。", view.BasePath, "返回任务页面");
        }

        if (view.FormContext.Periods.FindByYear(view.FormContext.AssessedYear) is null)
        {
            return AnswerPageResults.Message(StatusCodes.Status409Conflict, "暂不能报送",
                string.Create(CultureInfo.InvariantCulture, $"{view.FormContext.AssessedYear}年不在任何规划期内，无法报送考核数据，请联系{{epb}}。"), view.BasePath, "返回任务页面");
        }

        return null;
    }

    /// <summary>A checked answer ready to submit: the page's submission key, the data, who fills it in, the files.</summary>
    private sealed record CheckedAnswer(
        Guid SubmissionKey,
        JsonObject Data,
        string ContactName,
        string? ContactPhone,
        List<(string Path, StoredAttachment Attachment)> Kept,
        List<IFormFile> Files,
        string? Detail);

    /// <summary>Submits a checked answer through <see cref="AnswerSubmitter"/>, audited as `task.submit` in the storing
    /// transaction: the receipt, or the page again (<paramref name="refused"/>) saying why the task took no answer.</summary>
    private static async Task<IResult> SubmitCheckedAsync(
        HttpContext http,
        TaskView view,
        TaskPageLoader loader,
        AnswerSubmitter submitter,
        CheckedAnswer answer,
        Func<TaskView, int, string, IResult> refused,
        CancellationToken cancellationToken)
    {
        var contact = new JsonObject { ["name"] = answer.ContactName };
        if (answer.ContactPhone is not null)
        {
            contact["phone"] = answer.ContactPhone;
        }

        answer.Data["contact"] = contact;
        SubmitOutcome outcome;
        using (AuditScope.Record(TaskPageAudit.Entry(http, view, "task.submit", "task", view.Task.Id.ToString(), detail: answer.Detail)))
        {
            outcome = await submitter.SubmitAsync(view.Task.Id, answer.SubmissionKey, answer.Data, answer.Kept, answer.Files, $"{answer.ContactName}（{view.PartyName}）", cancellationToken);
            var accepted = outcome.Result == TaskActionResult.Accepted && !outcome.Repeated;
            await http.RequestServices.GetRequiredService<AuditLog>().FlushAsync(accepted ? AuditOutcomes.Success : AuditOutcomes.Failure, CancellationToken.None);
        }

        var fresh = await loader.ViewAsync(view.Token, (await http.RequestServices.GetRequiredService<TaskService>().GetAsync(view.Task.Id, cancellationToken))!, cancellationToken);
        if (outcome.Revision is { } revision && fresh.Submissions.FirstOrDefault(s => s.Revision == revision) is { } made)
        {
            return AnswerPageResults.Receipt(fresh, made, isReceipt: true, repeated: outcome.Repeated);
        }

        var (code, message) = outcome.Result switch
        {
            TaskActionResult.AlreadyCompleted => (StatusCodes.Status409Conflict, "该任务已提交，无需重复提交。"),
            TaskActionResult.NotFound => (StatusCodes.Status404NotFound, "任务不存在。"),
            TaskActionResult.Held => (StatusCodes.Status409Conflict, "该任务所在的流程已暂时停办，暂不能提交；您填写的内容仍在下方，请稍后再提交。"),
            _ => (StatusCodes.Status409Conflict, "该任务已关闭，不能再提交。"),
        };
        return refused(fresh, code, message);
    }

    private static async Task<IResult> RevisionAsync(string token, int revision, HttpContext http, TaskPageLoader loader, CancellationToken cancellationToken)
    {
        var (resolution, view) = await loader.OpenAsync(token, cancellationToken);
        if (view is null)
        {
            return AnswerPageResults.LinkProblem(resolution, token);
        }

        var submission = view.Submissions.FirstOrDefault(s => s.Revision == revision);
        await TaskPageAudit.ReadAsync(http, view, "task.revision.read", "task", $"{view.Task.Id}/{revision}", submission is not null);
        return submission is not null
            ? AnswerPageResults.Receipt(view, submission, isReceipt: false, repeated: false)
            : AnswerPageResults.Message(StatusCodes.Status404NotFound, "没有该版本", "该任务没有这一版本的提交。", view.BasePath, "返回任务页面");
    }

    private static async Task<IResult> FileAsync(string token, int revision, int index, HttpContext http, TaskPageLoader loader, AttachmentStore store, CancellationToken cancellationToken)
    {
        var (resolution, view) = await loader.OpenAsync(token, cancellationToken);
        if (view is null)
        {
            return AnswerPageResults.LinkProblem(resolution, token);
        }

        var submission = view.Submissions.FirstOrDefault(s => s.Revision == revision);
        var data = submission is null ? null : view.DataOf(submission);
        var attachments = StoredAttachment.ListOf(data);
        if (submission is null || index < 1 || index > attachments.Count)
        {
            return AnswerPageResults.Message(StatusCodes.Status404NotFound, "没有该附件", "该版本没有这个附件。", view.BasePath, "返回任务页面");
        }

        var key = Guid.TryParse(data?["submissionKey"]?.GetValue<string>(), out var parsed) ? parsed : (Guid?)null;
        var path = store.Find(view.Task.Id, revision, key, index, attachments[index - 1]);
        await TaskPageAudit.ReadAsync(http, view, "attachment.read", "attachment", $"{view.Task.Id}/{revision}/{index}", path is not null);
        return path is null
            ? AnswerPageResults.Message(StatusCodes.Status404NotFound, "附件暂不可用", "附件文件未找到，请联系{epb}。", view.BasePath, "返回任务页面")
            : TypedResults.PhysicalFile(path, attachments[index - 1].ContentType, attachments[index - 1].Name);
    }

    /// <summary>An attachment of the plan a plan-review task is about (the plan's own task has another link).</summary>
    private static async Task<IResult> PlanFileAsync(string token, int index, HttpContext http, TaskPageLoader loader, TaskService tasks, AttachmentStore store, CancellationToken cancellationToken)
    {
        var (resolution, view) = await loader.OpenAsync(token, cancellationToken);
        if (view is null)
        {
            return AnswerPageResults.LinkProblem(resolution, token);
        }

        var itemId = view.FormContext.Variables["item"]?["id"]?.GetValue<string>();
        var plan = view.Task.Kind == "plan-review" && itemId is not null ? view.FormContext.Variables["plan"]?[itemId] as JsonObject : null;
        var attachments = StoredAttachment.ListOf(plan);
        var key = plan?["submissionKey"]?.GetValue<string>();
        if (plan is null || key is null || index < 1 || index > attachments.Count)
        {
            return AnswerPageResults.Message(StatusCodes.Status404NotFound, "没有该附件", "该计划没有这个附件。", view.BasePath, "返回任务页面");
        }

        foreach (var planTask in (await tasks.ListAsync(view.Task.InstanceId, cancellationToken: cancellationToken)).Where(t => t.Kind == "annual-plan"))
        {
            foreach (var submission in await tasks.GetSubmissionsAsync(planTask.Id, cancellationToken))
            {
                if (JsonNode.Parse(submission.DataJson)?["submissionKey"]?.GetValue<string>() == key
                    && store.Find(planTask.Id, submission.Revision, Guid.Parse(key), index, attachments[index - 1]) is { } path)
                {
                    await TaskPageAudit.ReadAsync(http, view, "attachment.read", "attachment", $"{planTask.Id}/{submission.Revision}/{index}", found: true);
                    return TypedResults.PhysicalFile(path, attachments[index - 1].ContentType, attachments[index - 1].Name);
                }
            }
        }

        return AnswerPageResults.Message(StatusCodes.Status404NotFound, "附件暂不可用", "附件文件未找到，请联系{epb}。", view.BasePath, "返回任务页面");
    }

    private static async Task<IResult> ReissueAsync(string token, HttpContext http, TaskLinkService links, IAntiforgery antiforgery, LinkReissuer reissuer, CancellationToken cancellationToken)
    {
        var resolution = await links.ResolveAsync(token, cancellationToken);
        if (resolution.Status == TaskLinkStatus.Invalid)
        {
            return AnswerPageResults.LinkProblem(resolution, token);
        }

        if (resolution.Status == TaskLinkStatus.Valid)
        {
            return TypedResults.Redirect($"/t/{token}");
        }

        if (!await IsReissueRequestValidAsync(http, antiforgery))
        {
            return AnswerPageResults.Message(StatusCodes.Status400BadRequest, "页面已失效", "本次申请未被接受。请重新打开通知邮件中的链接后再申请。");
        }

        await reissuer.RequestAsync(token, cancellationToken);
        return AnswerPageResults.Message(StatusCodes.Status200OK, "申请已受理",
            "如该任务仍在办理中，新的链接将在几分钟内发送到贵单位登记的邮箱（不会发送到其他地址），请以最新邮件中的链接为准。已办结的任务不再发放链接，如需查阅已提交的材料，请联系{epb}总量控制处。");
    }

    /// <summary>A new-link request is a small form with the antiforgery token only; anything malformed is just invalid.</summary>
    private static async Task<bool> IsReissueRequestValidAsync(HttpContext http, IAntiforgery antiforgery)
    {
        try
        {
            return await antiforgery.IsRequestValidAsync(http);
        }
        catch (Exception e) when (e is InvalidDataException or BadHttpRequestException or IOException)
        {
            return false;
        }
    }

    /// <summary>The posted values as the form shows them again, within the form's limits; repeated fields (kept
    /// attachments) joined by commas.</summary>
    private static FormState StateOf(IFormCollection form, string antiforgeryField, FormLimits limits)
    {
        var state = limits.NewState();
        foreach (var (name, values) in form)
        {
            if (name == antiforgeryField || name is "submissionKey" or "add" or "submit")
            {
                continue;
            }

            if (name.StartsWith("rows.", StringComparison.Ordinal))
            {
                if (int.TryParse(values, NumberStyles.None, CultureInfo.InvariantCulture, out var shown))
                {
                    var group = name["rows.".Length..];
                    limits.AdmitShownRows(state, group, shown, adding: form["add"] == group);
                }

                continue;
            }

            limits.Admit(state, name, name == "keep" ? string.Join(',', values.ToArray()) : values.ToString());
        }

        if (!form.ContainsKey("keep") && form.ContainsKey("submissionKey"))
        {
            // Every box unticked: nothing posted, which must not read as "never shown" (all ticked).
            state.Values["keep"] = string.Empty;
        }

        return state;
    }

    /// <summary>Checks the new files (extension, size, content) and the kept ones; errors go beside the attachments
    /// field. The status is 413 when a file is too large, 415 for a wrong type, else 400 (or 200 when all is well).</summary>
    private static (List<(string Path, StoredAttachment Attachment)> Kept, List<IFormFile> Files, int Status) CheckAttachments(
        TaskView view, IFormCollection form, FormState state, AttachmentStore store, AnswerPageOptions options)
    {
        var kept = new List<(string, StoredAttachment)>();
        var files = new List<IFormFile>();
        var status = StatusCodes.Status400BadRequest;
        if (!view.Form.AcceptsAttachments)
        {
            return (kept, files, status);
        }

        if (view.Latest is { } latest && view.DataOf(latest) is { } previous)
        {
            var earlier = StoredAttachment.ListOf(previous);
            var key = Guid.TryParse(previous["submissionKey"]?.GetValue<string>(), out var parsed) ? parsed : (Guid?)null;
            foreach (var value in form["keep"])
            {
                if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index >= 1 && index <= earlier.Count
                    && store.Find(view.Task.Id, latest.Revision, key, index, earlier[index - 1]) is { } path)
                {
                    kept.Add((path, earlier[index - 1]));
                }
            }
        }

        var problems = new List<string>();
        foreach (var file in form.Files.GetFiles("attachments").Where(f => !string.IsNullOrEmpty(f.FileName)))
        {
            var name = AttachmentCheck.CleanName(file.FileName);
            using var content = file.OpenReadStream();
            if (AttachmentCheck.Check(name, file.Length, content, options.MaxAttachmentBytes) is { } problem)
            {
                problems.Add(problem.Message);
                if (problem.StatusCode == StatusCodes.Status413PayloadTooLarge)
                {
                    status = StatusCodes.Status413PayloadTooLarge;
                }
                else if (problem.StatusCode == StatusCodes.Status415UnsupportedMediaType && status != StatusCodes.Status413PayloadTooLarge)
                {
                    status = StatusCodes.Status415UnsupportedMediaType;
                }

                continue;
            }

            files.Add(file);
        }

        if (kept.Count + files.Count > options.MaxAttachments)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"附件最多 {options.MaxAttachments} 个（本次共 {kept.Count + files.Count} 个）"));
        }

        if (problems.Count > 0)
        {
            state.Fail("attachments", string.Join("；", problems));
        }

        return (kept, files, status);
    }
}
