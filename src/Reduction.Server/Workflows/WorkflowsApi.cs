using Microsoft.AspNetCore.Http.HttpResults;
using Reduction.Server.Access;
using Reduction.Server.Admin;
using Reduction.Workflows.Execution;

namespace Reduction.Server.Workflows;

public static class WorkflowsApi
{
    private const int MaxCorrelationKeyLength = 200;

    /// <summary>`GET /api/workflows` and `POST /api/workflows/{id}/instances`, for system administrators (list) and operators (start).</summary>
    public static IEndpointRouteBuilder MapWorkflowsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/workflows");
        api.MapGet("/", ListAsync).RequireAuthorization(AccessPolicies.Workflows);
        api.MapPost("/{id}/instances", StartAsync).RequireAuthorization(AccessPolicies.Operator);
        app.MapWorkflowDesignApi();
        app.MapWorkflowMigrationApi();
        return app;
    }

    private static async Task<Ok<List<WorkflowSummary>>> ListAsync(WorkflowRuntime runtime, CancellationToken cancellationToken) =>
        TypedResults.Ok((await runtime.Definitions.ListDefinitionsAsync(cancellationToken)).Select(WorkflowSummary.From).ToList());

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
