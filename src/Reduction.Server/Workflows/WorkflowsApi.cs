using Microsoft.AspNetCore.Http.HttpResults;
using Reduction.Server.Access;
using Reduction.Server.Admin;
using Reduction.Workflows.Definitions;
using Reduction.Workflows.Execution;

namespace Reduction.Server.Workflows;

public static class WorkflowsApi
{
    private const int MaxCorrelationKeyLength = 200;

    /// <summary>`GET /api/workflows` (system administrators and operators), `POST /api/workflows` (a new definition,
    /// system administrators) and `POST /api/workflows/{id}/instances` (operators).</summary>
    public static IEndpointRouteBuilder MapWorkflowsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/workflows");
        api.MapGet("/", ListAsync).RequireAuthorization(AccessPolicies.Workflows);
        api.MapPost("/", CreateAsync).RequireAuthorization(AccessPolicies.SystemAdmin);
        api.MapPost("/{id}/instances", StartAsync).RequireAuthorization(AccessPolicies.Operator);
        app.MapWorkflowDesignApi();
        app.MapWorkflowMigrationApi();
        return app;
    }

    private static async Task<Ok<List<WorkflowSummary>>> ListAsync(DefinitionCatalog catalog, CancellationToken cancellationToken) =>
        TypedResults.Ok((await catalog.ListAsync(cancellationToken)).Select(WorkflowSummary.From).ToList());

    /// <summary>A new definition from its JSON: 201 with the draft's `ETag` (nothing is published); 409 when the id
    /// exists, whose draft is saved with `PUT /api/workflows/{id}/draft` and `If-Match`.</summary>
    private static async Task<IResult> CreateAsync(HttpContext http, DefinitionImport import, CancellationToken cancellationToken)
    {
        var body = await DefinitionBody.ReadAsync(http.Request, cancellationToken);
        var result = await import.CreateAsync(body, http.Actor(), cancellationToken);
        switch (result.Outcome)
        {
            case DefinitionImportOutcome.Created:
                var tag = $"\"{result.Tag}\"";
                http.Response.Headers.ETag = tag;
                return Results.Created($"/api/workflows/{Uri.EscapeDataString(result.DefinitionId!)}/draft", new DraftSaved(tag, result.ChangedBy!, result.ChangedAt!.Value));
            case DefinitionImportOutcome.Exists:
                return Results.Conflict(new ApiMessage($"{result.Message}（接口：先 GET /api/workflows/{result.DefinitionId}/draft，再带其 ETag 作 If-Match 调用 PUT 同一地址。）"));
            case DefinitionImportOutcome.TooLarge:
                return Results.Json(new ApiMessage(DefinitionBody.TooLarge), statusCode: StatusCodes.Status413PayloadTooLarge);
            default:
                return Results.BadRequest(new ApiMessage(result.Message));
        }
    }

    private static async Task<Results<Created<StartInstanceResponse>, Ok<StartInstanceResponse>, NotFound<ApiMessage>, BadRequest<ApiMessage>>> StartAsync(
        string id,
        StartInstanceRequest? request,
        WorkflowRuntime runtime,
        CancellationToken cancellationToken)
    {
        var key = string.IsNullOrWhiteSpace(request?.CorrelationKey) ? null : request.CorrelationKey;
        if (key is { Length: > MaxCorrelationKeyLength })
        {
            return TypedResults.BadRequest(new ApiMessage($"关联键不能超过 {MaxCorrelationKeyLength} 个字符"));
        }

        StartResult started;
        try
        {
            started = await runtime.StartAsync(id, request?.Variables, key, cancellationToken: cancellationToken);
        }
        catch (WorkflowNotFoundException)
        {
            return TypedResults.NotFound(new ApiMessage($"流程“{id}”尚未发布"));
        }

        var response = new StartInstanceResponse(started.InstanceId, started.Created);
        return started.Created
            ? TypedResults.Created($"/api/instances/{started.InstanceId}", response)
            : TypedResults.Ok(response);
    }
}
