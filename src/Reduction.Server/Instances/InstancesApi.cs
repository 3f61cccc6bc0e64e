using Microsoft.AspNetCore.Http.HttpResults;
using Reduction.Server.Access;
using Reduction.Server.Admin;
using Reduction.Workflows.Persistence;
using Reduction.Workflows.Queries;

namespace Reduction.Server.Instances;

public static class InstancesApi
{
    private const int MaxTake = 1000;

    /// <summary>`GET /api/instances`, `GET /api/instances/{id}`, `GET /api/instances/{id}/trace`,
    /// `POST /api/instances/{id}/suspend|resume|cancel|retry` (<see cref="InstanceActionRunner"/>): reads scoped by party, actions for operators.</summary>
    public static IEndpointRouteBuilder MapInstancesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/instances").RequireAuthorization(AccessPolicies.CycleData);
        api.MapGet("/", ListAsync);
        api.MapGet("/{id}", GetAsync);
        api.MapGet("/{id}/trace", TraceAsync);
        foreach (var action in InstanceActionRunner.Actions)
        {
            api.MapPost("/{id}/" + action, (Guid id, InstanceActionRequest? request, HttpContext http, InstanceActionRunner runner, CancellationToken cancellationToken) =>
                RunAsync(action, id, request, http, runner, cancellationToken)).RequireAuthorization(AccessPolicies.Operator);
        }

        return app;
    }

    /// <summary>The instances the caller sees (those with a task in its party scope).</summary>
    private static async Task<Results<Ok<List<InstanceSummary>>, BadRequest<ApiMessage>>> ListAsync(
        HttpContext http,
        InstanceQueries queries,
        string? definition,
        string? status,
        int? take,
        CancellationToken cancellationToken)
    {
        InstanceStatus? wanted = null;
        if (!string.IsNullOrEmpty(status))
        {
            if (!Enum.TryParse<InstanceStatus>(status, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed))
            {
                return TypedResults.BadRequest(new ApiMessage($"未知的实例状态“{status}”，可用：{string.Join("、", Enum.GetNames<InstanceStatus>())}"));
            }

            wanted = parsed;
        }

        var instances = await queries.ListAsync(
            http.PartyScope(),
            string.IsNullOrEmpty(definition) ? null : definition,
            wanted,
            Math.Clamp(take ?? 100, 1, MaxTake),
            cancellationToken);
        return TypedResults.Ok(instances.Select(InstanceSummary.From).ToList());
    }

    /// <summary>404 for an instance outside the caller's scope, as for one that does not exist.</summary>
    private static async Task<Results<Ok<InstanceDetails>, NotFound<ApiMessage>>> GetAsync(Guid id, HttpContext http, InstanceQueries queries, CancellationToken cancellationToken)
    {
        if (await queries.GetAsync(http.PartyScope(), id, cancellationToken) is not { } detail)
        {
            return NotFound(id);
        }

        return TypedResults.Ok(new InstanceDetails(
            InstanceSummary.From(detail.Instance),
            detail.Variables,
            detail.Journal.Select(JournalEntry.From).ToList()));
    }

    /// <summary>The instance's path over its definition for the canvas; 404 out of scope, as for <see cref="GetAsync"/>.</summary>
    private static async Task<Results<Ok<InstanceTrace>, NotFound<ApiMessage>>> TraceAsync(Guid id, HttpContext http, InstanceTraceQueries traces, CancellationToken cancellationToken) =>
        await traces.TraceAsync(http.PartyScope(), id, cancellationToken) is { } trace ? TypedResults.Ok(trace) : NotFound(id);

    /// <summary>Suspend and cancel need a reason; through the API one naming the operator stands in when none is
    /// given, so scripts written before reasons were asked for keep working.</summary>
    private static async Task<IResult> RunAsync(string action, Guid id, InstanceActionRequest? request, HttpContext http, InstanceActionRunner runner, CancellationToken cancellationToken)
    {
        var reason = request?.Reason;
        if (string.IsNullOrWhiteSpace(reason) && action is "suspend" or "cancel")
        {
            reason = $"管理员 {http.User.Identity?.Name} {(action == "cancel" ? "取消" : "暂停")}";
        }

        var outcome = await runner.RunAsync(action, id, reason, http.PartyScope(), cancellationToken);
        return outcome.InstanceStatus is { } status
            ? TypedResults.Json(new InstanceActionResponse(id, status, outcome.Message), statusCode: outcome.Status)
            : TypedResults.Json(new ApiMessage(outcome.Message), statusCode: outcome.Status);
    }

    private static NotFound<ApiMessage> NotFound(Guid id) => TypedResults.NotFound(new ApiMessage($"实例 {id} 不存在"));
}
