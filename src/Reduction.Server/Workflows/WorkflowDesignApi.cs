using System.Globalization;
using Microsoft.Net.Http.Headers;
using Reduction.Server.Access;
using Reduction.Server.Admin;
using Reduction.Workflows.Definitions;
using Reduction.Workflows.Execution;
using Reduction.Workflows.Queries;
using Reduction.Workflows.Simulation;

namespace Reduction.Server.Workflows;

/// <summary>The designer's back end, for system administrators: the draft under optimistic concurrency (`ETag` /
/// `If-Match`), validation, publishing, the version history, the diff of two versions, the rehearsal of a year, the
/// export of a version as a file, and where running instances wait.</summary>
public static class WorkflowDesignApi
{
    private const int MaxNoteLength = 1000;

    public static IEndpointRouteBuilder MapWorkflowDesignApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/workflows/{id}").RequireAuthorization(AccessPolicies.SystemAdmin);
        api.MapGet("/draft", GetDraftAsync);
        api.MapPut("/draft", SaveDraftAsync);
        api.MapPost("/validate", ValidateAsync);
        api.MapPost("/publish", PublishAsync);
        api.MapGet("/versions", VersionsAsync);
        api.MapGet("/diff", DiffAsync);
        api.MapPost("/rehearsal", RehearseAsync);
        api.MapGet("/versions/{version:int}/export", (string id, int version, DefinitionStore store, CancellationToken cancellationToken) =>
            DefinitionExport.FileAsync(store, id, version, cancellationToken));
        api.MapGet("/waiting", WaitingAsync);
        return app;
    }

    private static async Task<IResult> GetDraftAsync(string id, HttpContext http, WorkflowRuntime runtime, CancellationToken cancellationToken)
    {
        if (await runtime.Definitions.GetDraftAsync(id, cancellationToken) is not { } draft)
        {
            return UnknownWorkflow(id);
        }

        http.Response.Headers.ETag = Quoted(draft.Tag);
        return Results.Text(DefinitionJson.Serialize(draft.Definition), "application/json; charset=utf-8");
    }

    private static async Task<IResult> SaveDraftAsync(string id, HttpContext http, WorkflowRuntime runtime, CancellationToken cancellationToken)
    {
        var expected = ExpectedTag(http.Request);
        if (expected is null)
        {
            return Results.Json(new ApiMessage("保存草稿需要 If-Match 请求头：请先读取草稿（GET），并带上其 ETag，以免覆盖他人的修改。"), statusCode: StatusCodes.Status428PreconditionRequired);
        }

        var body = await DefinitionBody.ReadAsync(http.Request, cancellationToken);
        if (body is null)
        {
            return Results.Json(new ApiMessage(DefinitionBody.TooLarge), statusCode: StatusCodes.Status413PayloadTooLarge);
        }

        var (definition, error) = DefinitionBody.Parse(body, id);
        if (definition is null)
        {
            return Results.BadRequest(new ApiMessage(error!));
        }

        if (definition.Name is { Length: > 200 })
        {
            return Results.BadRequest(new ApiMessage("流程名称不能超过 200 个字符。"));
        }

        var account = http.User.Identity?.Name ?? "anonymous";
        var result = await runtime.Definitions.SaveDraftAsync(definition, expected, account, cancellationToken);
        switch (result.Outcome)
        {
            case DraftSaveOutcome.Saved:
                http.Response.Headers.ETag = Quoted(result.Tag!);
                return Results.Ok(new DraftSaved(Quoted(result.Tag!), account, result.ChangedAt!.Value));
            case DraftSaveOutcome.Conflict:
                http.Response.Headers.ETag = Quoted(result.Tag!);
                return Results.Json(
                    new DraftConflict($"草稿已被 {DraftChange.Describe(result.ChangedBy, result.ChangedAt!.Value)}修改，您的保存未生效。请重新读取草稿，合并修改后再保存。", result.ChangedBy ?? "system", result.ChangedAt.Value),
                    statusCode: StatusCodes.Status412PreconditionFailed);
            default:
                return UnknownWorkflow(id);
        }
    }

    private static async Task<IResult> ValidateAsync(string id, HttpContext http, WorkflowRuntime runtime, CancellationToken cancellationToken)
    {
        var body = await DefinitionBody.ReadAsync(http.Request, cancellationToken);
        if (body is null)
        {
            return Results.Json(new ApiMessage(DefinitionBody.TooLarge), statusCode: StatusCodes.Status413PayloadTooLarge);
        }

        WorkflowDefinition definition;
        if (body.Length == 0)
        {
            if (await runtime.Definitions.GetDraftAsync(id, cancellationToken) is not { } draft)
            {
                return UnknownWorkflow(id);
            }

            definition = draft.Definition;
        }
        else
        {
            if (!await ExistsAsync(runtime, id, cancellationToken))
            {
                return UnknownWorkflow(id);
            }

            var (parsed, error) = DefinitionBody.Parse(body, id);
            if (parsed is null)
            {
                return Results.BadRequest(new ApiMessage(error!));
            }

            definition = parsed;
        }

        return Results.Ok(ValidationReport.From(new DefinitionValidator(runtime.Registry).Validate(definition, id)));
    }

    private static async Task<IResult> PublishAsync(string id, PublishRequest? request, HttpContext http, WorkflowRuntime runtime, CancellationToken cancellationToken)
    {
        var note = string.IsNullOrWhiteSpace(request?.Note) ? null : request.Note.Trim();
        if (note is { Length: > MaxNoteLength })
        {
            return Results.BadRequest(new ApiMessage($"变更说明不能超过 {MaxNoteLength} 个字符。"));
        }

        var result = await runtime.Definitions.PublishDraftAsync(id, http.Actor(), note, cancellationToken);
        return result.Outcome switch
        {
            DraftPublishOutcome.Published => Results.Created($"/api/workflows/{Uri.EscapeDataString(id)}/versions", new PublishResponse(result.Version!.Value)),
            DraftPublishOutcome.Unchanged => Results.Ok(new PublishResponse(result.Version!.Value)),
            DraftPublishOutcome.Invalid => Results.Json(
                ValidationReport.From(result.Findings, "草稿有错误，未发布：请按问题列表修改后再发布。"),
                statusCode: StatusCodes.Status422UnprocessableEntity),
            _ => UnknownWorkflow(id),
        };
    }

    private static async Task<IResult> VersionsAsync(string id, WorkflowRuntime runtime, CancellationToken cancellationToken) =>
        await VersionHistory.LoadAsync(runtime.Definitions, id, cancellationToken) is { } history ? Results.Ok(history) : UnknownWorkflow(id);

    private static async Task<IResult> DiffAsync(string id, int? from, int? to, int? year, WorkflowRuntime runtime, CancellationToken cancellationToken)
    {
        if (from is not { } older || to is not { } newer || older < 0 || newer < 0)
        {
            return Results.BadRequest(new ApiMessage("请用 from 和 to 指定要比较的两个版本号（0 表示草稿），例如 ?from=1&to=2。"));
        }

        if (year is < 2000 or > 2100)
        {
            return Results.BadRequest(new ApiMessage("年份 year 应在 2000 至 2100 之间。"));
        }

        if (!await ExistsAsync(runtime, id, cancellationToken))
        {
            return UnknownWorkflow(id);
        }

        var before = await VersionAsync(runtime, id, older, cancellationToken);
        var after = await VersionAsync(runtime, id, newer, cancellationToken);
        if (before is null || after is null)
        {
            var missing = before is null ? older : newer;
            return Results.NotFound(new ApiMessage(missing == 0 ? $"流程“{id}”没有草稿。" : $"流程“{id}”没有版本 {missing}。"));
        }

        return Results.Ok(VersionDiffView.Compare(older, before, newer, after, year is { } y ? (y, runtime.Calendar) : null));
    }

    private static async Task<IResult> RehearseAsync(string id, RehearsalRequest? request, WorkflowRuntime runtime, CancellationToken cancellationToken)
    {
        if (await runtime.Definitions.GetDraftAsync(id, cancellationToken) is not { } draft)
        {
            return UnknownWorkflow(id);
        }

        if (request?.Year is not { } year || year is < 2000 or > 2100)
        {
            return Results.BadRequest(new ApiMessage("请用 year 指定 2000 至 2100 之间的考核年度，例如 {\"year\": 2016}。"));
        }

        var findings = new DefinitionValidator(runtime.Registry).Validate(draft.Definition, id);
        if (findings.Any(f => f.IsError))
        {
            return Results.Json(ValidationReport.From(findings, "草稿有错误，无法预演：请按问题列表修改。"), statusCode: StatusCodes.Status422UnprocessableEntity);
        }

        try
        {
            var scenario = request.Scenario is null ? SimulationScenario.Empty : SimulationScenario.Parse(request.Scenario.ToJsonString(), runtime.Parties);
            return Results.Ok(await Rehearsal.RunAsync(runtime, draft.Definition, year, scenario, cancellationToken));
        }
        catch (SimulationScenarioException e)
        {
            // The message names the JSON path and the offending name, never more of the body.
            return Results.BadRequest(new ApiMessage(e.Message.Length > 300 ? e.Message[..300] + "…" : e.Message));
        }
    }

    /// <summary>How many running instances wait at each activity (of one version, or of all): counts only, so not
    /// party-scoped, as the version history's instance counts are not.</summary>
    private static async Task<IResult> WaitingAsync(string id, string? version, WorkflowRuntime runtime, InstanceTraceQueries traces, CancellationToken cancellationToken)
    {
        int? wanted = null;
        if (!string.IsNullOrEmpty(version))
        {
            if (!int.TryParse(version, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) || parsed < 1)
            {
                return Results.BadRequest(new ApiMessage("version 应为已发布的版本号（1、2、…）；不填则统计所有版本。"));
            }

            wanted = parsed;
        }

        if (!await ExistsAsync(runtime, id, cancellationToken))
        {
            return UnknownWorkflow(id);
        }

        return Results.Ok(await traces.WaitingAsync(id, wanted, cancellationToken));
    }

    /// <summary>Version <paramref name="version"/>, or the draft for 0; null when there is none.</summary>
    private static async Task<WorkflowDefinition?> VersionAsync(WorkflowRuntime runtime, string id, int version, CancellationToken cancellationToken)
    {
        if (version == 0)
        {
            return await runtime.Definitions.GetDraftAsync(id, cancellationToken) is { IsDraft: true } draft ? draft.Definition : null;
        }

        try
        {
            return await runtime.Definitions.GetDefinitionAsync(id, version, cancellationToken);
        }
        catch (WorkflowNotFoundException)
        {
            return null;
        }
    }

    private static async Task<bool> ExistsAsync(WorkflowRuntime runtime, string id, CancellationToken cancellationToken) =>
        await runtime.Definitions.GetDraftAsync(id, cancellationToken) is not null;

    /// <summary>The tag of `If-Match` without quotes (weak tags compare as their value); null when absent or `*`,
    /// which would overwrite whatever is there and so defeats the check.</summary>
    private static string? ExpectedTag(HttpRequest request)
    {
        var header = request.Headers.IfMatch.ToString();
        if (string.IsNullOrWhiteSpace(header))
        {
            return null;
        }

        if (!EntityTagHeaderValue.TryParseList(request.Headers.IfMatch, out var tags) || tags.Count == 0)
        {
            // Not a tag at all: it matches nothing, so the save is refused as stale rather than taken as absent.
            return header.Length > 100 ? header[..100] : header;
        }

        var tag = tags[0];
        return tag.Equals(EntityTagHeaderValue.Any) ? null : tag.Tag.ToString().Trim('"');
    }

    private static string Quoted(string tag) => $"\"{tag}\"";

    private static IResult UnknownWorkflow(string id) => Results.NotFound(new ApiMessage($"流程“{(id.Length > 100 ? id[..100] + "…" : id)}”不存在。"));
}
