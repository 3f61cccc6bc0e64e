using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.Features;
using Reduction.Domain.Calendar;
using Reduction.Domain.Parties;
using Reduction.Ledger;
using Reduction.Ledger.Workbooks;
using Reduction.Server.Access;
using Reduction.Server.Admin;
using Reduction.Server.Cycles;
using Reduction.Server.Tasks;
using Reduction.Workflows.Auditing;
using Reduction.Workflows.PlanPeriods;
using Reduction.Workflows.Queries;

namespace Reduction.Server.Ledger;

/// <summary>
/// Excel in and out. `POST /api/imports` (a multipart form with `kind` = `targets`, `key-projects` or `ledger` and the
/// workbook as `file`; or the workbook as the body with `?kind=`) checks every cell and stores the whole workbook or
/// nothing: 200 with the counts, or 422 with `{"errors": [{"sheet", "row", "column", "value", "message"}]}`. The EPB
/// imports everything; a prefecture imports its own ledger lines only; targets and key projects are the EPB's.
/// `GET /api/imports/templates/{kind}?year=&amp;prefecture=` the workbook to fill in (rows laid out for the region or
/// one prefecture); `GET /api/exports/{kind}?year=&amp;prefecture=` (`ledger`, `targets`, `key-projects`, `tasks`, and
/// for a cycle year, the current one when none is given, `results` and `overview`) the stored data in the caller's
/// scope, audited as `export.{kind}` with the query and the row count.
/// </summary>
public static class LedgerWorkbookApi
{
    public static IEndpointRouteBuilder MapLedgerWorkbookApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/imports", ImportAsync).RequireAuthorization(AccessPolicies.CycleData);
        app.MapGet("/api/imports/templates/{kind}", TemplateAsync).RequireAuthorization(AccessPolicies.CycleData);
        app.MapGet("/api/exports/{kind}", ExportAsync).RequireAuthorization(AccessPolicies.CycleData);
        return app;
    }

    private static async Task<IResult> ImportAsync(string? kind, HttpContext http, LedgerImporter importer, CancellationToken cancellationToken)
    {
        if (http.Request.ContentLength > LedgerLimits.MaxUploadBytes)
        {
            return TooLarge();
        }

        byte[]? bytes;
        try
        {
            (bytes, kind) = await ReadUploadAsync(http.Request, kind, cancellationToken);
        }
        catch (Exception e) when (e is InvalidDataException or BadHttpRequestException or IOException)
        {
            return e.Message.Contains("limit", StringComparison.OrdinalIgnoreCase) ? TooLarge() : Results.BadRequest(new ApiMessage("无法读取上传的内容：请以 multipart/form-data 上传，字段 kind 为数据类型，file 为 .xlsx 工作簿。"));
        }

        if (kind is null || !WorkbookKinds.Importable.Contains(kind))
        {
            return Results.BadRequest(new ApiMessage("kind 应为 targets（减排目标）、key-projects（重点项目）或 ledger（排放总量台账）。"));
        }

        if (bytes is null)
        {
            return Results.BadRequest(new ApiMessage("请上传 .xlsx 工作簿（表单字段 file）。"));
        }

        if (bytes.Length > LedgerLimits.MaxUploadBytes)
        {
            return TooLarge();
        }

        var outcome = await importer.ImportAsync(kind, bytes, http.PartyScope(), http.Actor().User, cancellationToken);
        return outcome switch
        {
            { Counts: { } counts } => Results.Ok(new JsonObject
            {
                ["kind"] = kind,
                ["rows"] = outcome.Rows,
                ["added"] = counts.Added,
                ["changed"] = counts.Changed,
                ["unchanged"] = counts.Unchanged,
                ["message"] = outcome.Message,
            }),
            { Errors: { } errors } => Results.Json(Refused(errors, errors.Count == 0 ? outcome.Message : null), statusCode: outcome.Status),
            _ => Results.Json(new ApiMessage(outcome.Message), statusCode: outcome.Status),
        };
    }

    /// <summary>The 422 body: the errors (at most <see cref="LedgerLimits.MaxErrors"/>), how many there were, and a
    /// sentence saying that nothing was stored.</summary>
    internal static JsonObject Refused(ImportErrors errors, string? message = null) => new()
    {
        ["message"] = message ?? string.Create(CultureInfo.InvariantCulture, $"工作簿有 {errors.Count} 处错误，未导入任何数据。请改正后重新导入。"),
        ["errorCount"] = message is null ? errors.Count : 1,
        ["errors"] = new JsonArray(errors.Kept.Select(e => (JsonNode)new JsonObject
        {
            ["sheet"] = e.Sheet,
            ["row"] = e.Row,
            ["column"] = e.Column,
            ["header"] = e.Header,
            ["value"] = e.Value,
            ["message"] = e.Message,
        }).ToArray()),
    };

    internal static async Task<IResult> TemplateAsync(string kind, string? year, string? prefecture, HttpContext http, PlanPeriodStore periods, PartyDirectory parties, TimeProvider time, CancellationToken cancellationToken)
    {
        if (!WorkbookKinds.Importable.Contains(kind))
        {
            return Results.NotFound(new ApiMessage("没有这种模板：kind 应为 targets、key-projects 或 ledger。"));
        }

        if (LedgerQuery.Parse(prefecture, year, parties) is not { } query)
        {
            return LedgerQuery.Bad(prefecture, year, parties);
        }

        var scope = http.PartyScope();
        var prefectureId = query.PrefectureId ?? (scope.Role == PartyRole.Prefecture ? scope.PartyId : null);
        var y = query.Year ?? (BeijingTime.DateOf(time.GetUtcNow()).Year - 1);
        var context = new WorkbookContext(parties, await periods.GetCatalogAsync(cancellationToken));
        var workbook = kind switch
        {
            WorkbookKinds.Targets => LedgerWorkbookWriter.TargetsTemplate(context, y, prefectureId),
            WorkbookKinds.KeyProjects => LedgerWorkbookWriter.KeyProjectsTemplate(context, y, prefectureId),
            _ => LedgerWorkbookWriter.LedgerTemplate(context, y, prefectureId),
        };
        return TypedResults.File(workbook, WorkbookKinds.ContentType, FileName(kind, "模板", y, prefectureId, parties));
    }

    internal static async Task<IResult> ExportAsync(
        string kind,
        string? year,
        string? prefecture,
        HttpContext http,
        LedgerStore store,
        PlanPeriodStore periods,
        PartyDirectory parties,
        TaskListExport tasks,
        AssessmentResultQueries assessments,
        CycleOverviewQueries overviews,
        TimeProvider time,
        AuditLog audit,
        CancellationToken cancellationToken)
    {
        if (!WorkbookKinds.Exportable.Contains(kind))
        {
            return Results.NotFound(new ApiMessage("没有这种导出：kind 应为 ledger、targets、key-projects、tasks、results 或 overview。"));
        }

        if (LedgerQuery.Parse(prefecture, year, parties) is not { } query)
        {
            return LedgerQuery.Bad(prefecture, year, parties);
        }

        // A cycle year's exports are of one year: the current one unless another is asked for (as the console's overview).
        if (kind is WorkbookKinds.Results or WorkbookKinds.Overview && query.Year is null)
        {
            query = query with { Year = BeijingTime.DateOf(time.GetUtcNow()).Year };
        }

        var scope = http.PartyScope();
        var context = new WorkbookContext(parties, await periods.GetCatalogAsync(cancellationToken));
        byte[] workbook;
        int rows;
        switch (kind)
        {
            case WorkbookKinds.Ledger:
                var entries = await store.LedgerAsync(scope, query.PrefectureId, query.Year, cancellationToken);
                (workbook, rows) = (LedgerWorkbookWriter.Ledger(entries, context, query.Year), entries.Count);
                break;
            case WorkbookKinds.Targets:
                var targets = await store.TargetsAsync(scope, query.Year, query.PrefectureId, cancellationToken);
                (workbook, rows) = (LedgerWorkbookWriter.Targets(targets, context, query.Year), targets.Count);
                break;
            case WorkbookKinds.KeyProjects:
                var projects = await store.KeyProjectsAsync(scope, query.PrefectureId, cancellationToken);
                (workbook, rows) = (LedgerWorkbookWriter.KeyProjects(projects, context), projects.Count);
                break;
            case WorkbookKinds.Results:
                var assessed = await assessments.GetAsync(scope, query.Year!.Value, query.PrefectureId, cancellationToken);
                (workbook, rows) = (CycleWorkbooks.Results(assessed), assessed.Count);
                break;
            case WorkbookKinds.Overview:
                var overview = await overviews.GetAsync(scope, query.Year!.Value, cancellationToken);
                var cells = overview.Cells.Where(c => query.PrefectureId is null || c.Party == query.PrefectureId).ToList();
                (workbook, rows) = (CycleWorkbooks.Overview(cells), cells.Count);
                break;
            default:
                var (filter, _) = TaskListFilter.Parse(query.Year, null, query.PrefectureId, null, null, null, overdue: false, parties);
                (workbook, rows) = await tasks.ExportAsync(scope, filter, cancellationToken);
                break;
        }

        await audit.AppendAsync(http.Actor().Entry("export." + kind, kind, query.PrefectureId, detail: query.Detail(rows)), cancellationToken);
        return TypedResults.File(workbook, WorkbookKinds.ContentType, FileName(kind, null, query.Year, query.PrefectureId, parties));
    }

    private static async Task<(byte[]? Bytes, string? Kind)> ReadUploadAsync(HttpRequest request, string? kind, CancellationToken cancellationToken)
    {
        if (request.HasFormContentType)
        {
            request.HttpContext.Features.Set<IFormFeature>(new FormFeature(request, new FormOptions { MultipartBodyLengthLimit = LedgerLimits.MaxUploadBytes, ValueCountLimit = 20 }));
            var form = await request.ReadFormAsync(cancellationToken);
            kind ??= form["kind"].FirstOrDefault();
            var file = form.Files.GetFile("file") ?? form.Files.FirstOrDefault();
            if (file is null)
            {
                return (null, kind);
            }

            if (file.Length > LedgerLimits.MaxUploadBytes)
            {
                throw new InvalidDataException("Multipart body length limit exceeded");
            }

            using var copy = new MemoryStream();
            await file.CopyToAsync(copy, cancellationToken);
            return (copy.ToArray(), kind);
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[64 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > LedgerLimits.MaxUploadBytes)
            {
                throw new InvalidDataException("Request body length limit exceeded");
            }

            buffer.Write(chunk, 0, read);
        }

        return (buffer.Length == 0 ? null : buffer.ToArray(), kind);
    }

    private static IResult TooLarge() =>
        Results.Json(new ApiMessage(string.Create(CultureInfo.InvariantCulture, $"文件超过 {LedgerLimits.MaxUploadBytes / 1024 / 1024} MB，请分成几个文件导入。")), statusCode: StatusCodes.Status413PayloadTooLarge);

    private static string FileName(string kind, string? suffix, int? year, string? prefectureId, PartyDirectory parties)
    {
        var parts = new List<string> { WorkbookKinds.Title(kind) };
        if (suffix is not null)
        {
            parts.Add(suffix);
        }

        if (year is { } y)
        {
            parts.Add(y.ToString(CultureInfo.InvariantCulture));
        }

        if (prefectureId is not null && parties.FindById(prefectureId) is { } party)
        {
            parts.Add(WorkbookContext.NameIn(party, year));
        }

        return string.Join("-", parts) + ".xlsx";
    }
}
