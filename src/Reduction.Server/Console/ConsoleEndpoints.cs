using System.Globalization;
using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Reduction.Domain.Calendar;
using Reduction.Identity.Accounts;
using Reduction.Notifications.Links;
using Reduction.Server.Access;
using Reduction.Server.Answers.Attachments;
using Reduction.Server.Components.Console;
using Reduction.Server.Workflows;
using Reduction.Workflows.Auditing;
using Reduction.Workflows.Definitions;
using Reduction.Workflows.Queries;

namespace Reduction.Server.Console;

/// <summary>The console's endpoints that are not pages: sign-out (`POST /console/signout`, antiforgery), the audit
/// log's CSV export (`GET /console/audit/export.csv`, audit-admin, itself audited), a workflow version's JSON file
/// (`GET /console/workflows/{id}/versions/{n}/export`, system-admin, as the API's export), the workbooks of the ledger
/// pages (`/console/workbooks/templates/{kind}` and `/console/workbooks/exports/{kind}`, the API's own handlers: the
/// same scope and audit) and the Chinese 403 and 404.</summary>
public static class ConsoleEndpoints
{
    /// <summary>Rows per read of the audit log while exporting.</summary>
    private const int Page = 5_000;

    public static IEndpointRouteBuilder MapConsoleEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost(ConsolePaths.SignOut, SignOutAsync)
            .RequireAuthorization(new AuthorizeAttribute { AuthenticationSchemes = IdentityConstants.ApplicationScheme });
        app.MapGet(ConsolePaths.AuditExport, ExportAsync)
            .RequireAuthorization(new AuthorizeAttribute { AuthenticationSchemes = IdentityConstants.ApplicationScheme, Roles = AccountRoles.AuditAdmin });
        app.MapGet(ConsolePaths.WorkflowExport, (string id, int version, DefinitionStore store, CancellationToken cancellationToken) =>
                DefinitionExport.FileAsync(store, id, version, cancellationToken))
            .RequireAuthorization(new AuthorizeAttribute { AuthenticationSchemes = IdentityConstants.ApplicationScheme, Roles = AccountRoles.SystemAdmin });
        app.MapGet(ConsolePaths.TaskExport, ExportTasksAsync)
            .RequireAuthorization(new AuthorizeAttribute { AuthenticationSchemes = IdentityConstants.ApplicationScheme, Roles = AccountRoles.Operator + "," + AccountRoles.Member });
        app.MapGet(ConsolePaths.CalendarTemplate, () => TypedResults.File(Reduction.Server.Calendar.CalendarWorkbook.Template(), Reduction.Server.Calendar.CalendarWorkbook.ContentType, "节假日安排模板.xlsx"))
            .RequireAuthorization(new AuthorizeAttribute { AuthenticationSchemes = IdentityConstants.ApplicationScheme, Roles = AccountRoles.SystemAdmin });
        app.MapGet(ConsolePaths.WorkbookTemplate, Reduction.Server.Ledger.LedgerWorkbookApi.TemplateAsync)
            .RequireAuthorization(new AuthorizeAttribute { AuthenticationSchemes = IdentityConstants.ApplicationScheme, Roles = AccountRoles.Operator + "," + AccountRoles.Member });
        app.MapGet(ConsolePaths.WorkbookExport, Reduction.Server.Ledger.LedgerWorkbookApi.ExportAsync)
            .RequireAuthorization(new AuthorizeAttribute { AuthenticationSchemes = IdentityConstants.ApplicationScheme, Roles = AccountRoles.Operator + "," + AccountRoles.Member });
        app.MapGet(ConsolePaths.TaskAnswer, AnswerTaskAsync)
            .RequireAuthorization(new AuthorizeAttribute { AuthenticationSchemes = IdentityConstants.ApplicationScheme, Roles = AccountRoles.Operator + "," + AccountRoles.Member });
        app.MapGet(ConsolePaths.TaskAttachment, AttachmentAsync)
            .RequireAuthorization(new AuthorizeAttribute { AuthenticationSchemes = IdentityConstants.ApplicationScheme, Roles = AccountRoles.Operator + "," + AccountRoles.Member });
        app.MapFallback(ConsolePaths.Root + "/{**path}", (HttpContext http) => StatusPageAsync(http, StatusCodes.Status404NotFound));
        return app;
    }

    /// <summary>403 with a Chinese page (used by the cookie's access-denied event, so no redirect happens).</summary>
    public static Task ForbiddenAsync(HttpContext http) => StatusPageAsync(http, StatusCodes.Status403Forbidden);

    /// <summary>The console's 404 page, for a page that found nothing in the caller's scope and answered 404 without a
    /// body (a notice of another party).</summary>
    public static async Task NotFoundAsync(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);

        // The page's own rendering used the request's component services and marked the response; the status page is
        // a second rendering and needs services of its own.
        http.Response.Headers.Remove("blazor-enhanced-nav");
        var services = http.RequestServices;
        await using var scope = services.GetRequiredService<IServiceScopeFactory>().CreateAsyncScope();
        http.RequestServices = scope.ServiceProvider;
        try
        {
            await StatusPageAsync(http, StatusCodes.Status404NotFound);
        }
        finally
        {
            http.RequestServices = services;
        }
    }

    private static async Task StatusPageAsync(HttpContext http, int status)
    {
        ConsoleGuard.ApplyHeaders(http.Response.Headers);
        var page = new RazorComponentResult<ConsoleStatusPage>(new Dictionary<string, object?> { [nameof(ConsoleStatusPage.Status)] = status })
        {
            StatusCode = status,
        };
        await page.ExecuteAsync(http);
    }

    private static async Task<IResult> SignOutAsync(HttpContext http, IAntiforgery antiforgery, AuditLog audit, CancellationToken cancellationToken)
    {
        if (!await antiforgery.IsRequestValidAsync(http))
        {
            return TypedResults.Redirect(ConsolePaths.Root);
        }

        await audit.AppendAsync(http.Actor().Entry("signout", "account", http.User.Identity?.Name), cancellationToken);
        await http.SignOutAsync(IdentityConstants.ApplicationScheme);
        return TypedResults.Redirect(ConsolePaths.SignIn + "?reason=signed-out");
    }

    /// <summary>The task list with the page's filters as a workbook; audited as `task.export` with the row count.</summary>
    private static async Task<IResult> ExportTasksAsync(
        HttpContext http,
        Reduction.Server.Tasks.TaskListExport export,
        Reduction.Domain.Parties.PartyDirectory parties,
        AuditLog audit,
        TimeProvider time,
        int? year,
        string? kind,
        string? party,
        string? state,
        string? from,
        string? to,
        bool? overdue,
        CancellationToken cancellationToken)
    {
        var (filter, _) = Reduction.Server.Tasks.TaskListFilter.Parse(year, kind, party, state, from, to, overdue == true, parties);
        var (workbook, rows) = await export.ExportAsync(http.PartyScope(), filter, cancellationToken);
        await audit.AppendAsync(http.Actor().Entry("task.export", "task", null, detail: $"rows={rows}"), cancellationToken);
        var name = $"任务清单-{Reduction.Domain.Calendar.BeijingTime.DateOf(time.GetUtcNow()):yyyyMMdd}.xlsx";
        return TypedResults.File(workbook, Reduction.Server.Tasks.TaskListExport.ContentType, name);
    }

    /// <summary>A signed-in account answers a task of its own party on the task page the party's e-mail link opens
    /// (the same form, checks and receipt): the party's live link is looked up (or issued) and the browser sent to
    /// it. Another party's task, or one outside the caller's scope, is not there (404); a closed task reads as such
    /// on its console page. Audited as `task.answer.open`.</summary>
    private static async Task<IResult> AnswerTaskAsync(Guid id, HttpContext http, TaskQueries tasks, TaskLinkService links, AuditLog audit, CancellationToken cancellationToken)
    {
        var party = http.User.FindFirstValue(ReductionClaimTypes.Party);
        var task = await tasks.FindAsync(http.PartyScope(), id, cancellationToken);
        if (task is null || party is null || task.AssigneePartyId != party)
        {
            await audit.AppendAsync(http.Actor().Entry("task.answer.open", "task", id.ToString(), AuditOutcomes.Denied), cancellationToken);
            await StatusPageAsync(http, StatusCodes.Status404NotFound);
            return TypedResults.Empty;
        }

        TaskLink link;
        try
        {
            link = await links.IssueAsync(id, cancellationToken);
        }
        catch (InvalidOperationException)
        {
            return TypedResults.Redirect($"/console/tasks/{id}");
        }

        await audit.AppendAsync(http.Actor().Entry("task.answer.open", "task", id.ToString()), cancellationToken);
        return TypedResults.Redirect("/t/" + link.Token);
    }

    /// <summary>A revision's attachment, read as the task page reads the revision: the caller's party scope is in the
    /// submission's query, so another party's file is not there (404, as one that does not exist). Every read is
    /// audited as `attachment.read` with its outcome.</summary>
    private static async Task<IResult> AttachmentAsync(Guid id, int revision, int index, HttpContext http, TaskQueries tasks, AttachmentStore store, AuditLog audit, CancellationToken cancellationToken)
    {
        var target = string.Create(CultureInfo.InvariantCulture, $"{id}/{revision}/{index}");
        var submission = await tasks.GetSubmissionAsync(http.PartyScope(), id, revision, cancellationToken);
        var files = StoredAttachment.ListOf(submission?.Data);
        if (submission is null || index < 1 || index > files.Count)
        {
            await audit.AppendAsync(http.Actor().Entry("attachment.read", "attachment", target, AuditOutcomes.Denied), cancellationToken);
            await StatusPageAsync(http, StatusCodes.Status404NotFound);
            return TypedResults.Empty;
        }

        var key = Guid.TryParse(submission.Data["submissionKey"]?.GetValue<string>(), out var parsed) ? parsed : (Guid?)null;
        var file = files[index - 1];
        var path = store.Find(id, revision, key, index, file);
        await audit.AppendAsync(http.Actor().Entry("attachment.read", "attachment", target, path is null ? AuditOutcomes.Failure : AuditOutcomes.Success), cancellationToken);
        if (path is null)
        {
            await StatusPageAsync(http, StatusCodes.Status404NotFound);
            return TypedResults.Empty;
        }

        return TypedResults.PhysicalFile(path, file.ContentType, file.Name);
    }

    private static async Task<IResult> ExportAsync(HttpContext http, AuditLog audit, TimeProvider time, string? from, string? to, string? user, string? action, CancellationToken cancellationToken)
    {
        var query = AuditFilter.Parse(from, to, user, action);
        if (query.Error is { } error)
        {
            return TypedResults.BadRequest(error);
        }

        var rows = new List<Reduction.Workflows.Persistence.AuditRecord>();
        for (var skip = 0; ; skip += Page)
        {
            var page = await audit.QueryAsync(query.Query with { Skip = skip, Take = Page }, cancellationToken);
            rows.AddRange(page);
            if (page.Count < Page)
            {
                break;
            }
        }

        // The export is itself a read of the log and is recorded before the file leaves.
        await audit.AppendAsync(http.Actor().Entry("audit.export", "audit-log", null, detail: $"{query.Description}; rows={rows.Count}"), cancellationToken);
        var csv = new StringBuilder();
        csv.AppendLine("序号,时间（北京时间）,账户,单位,地址,操作,对象类型,对象,结果,详情,哈希");
        foreach (var r in rows)
        {
            csv.AppendJoin(',', [
                r.Sequence.ToString(CultureInfo.InvariantCulture),
                BeijingTime.ToBeijing(r.At).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
                Cell(r.User), Cell(r.Party), Cell(r.Address), Cell(r.Action), Cell(r.TargetKind), Cell(r.TargetId), Cell(r.Outcome), Cell(r.Detail), r.Hash]);
            csv.Append("\r\n");
        }

        // With the byte-order mark Excel reads the file as UTF-8 and shows the Chinese.
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(csv.ToString())).ToArray();
        var name = string.Create(CultureInfo.InvariantCulture, $"audit-{BeijingTime.DateOf(time.GetUtcNow()):yyyyMMdd}.csv");
        return TypedResults.File(bytes, "text/csv; charset=utf-8", name);
    }

    /// <summary>A CSV cell: quoted where needed, and never a formula (a value starting with =, +, - or @ would run in
    /// a spreadsheet).</summary>
    internal static string Cell(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return string.Empty;
        }

        if (value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }

        return value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
