using Reduction.Server.Access;
using Reduction.Server.Admin;
using Reduction.Workflows.Queries;

namespace Reduction.Server.Tasks;

/// <summary>`POST /api/tasks/{id}/urge|extend|reassign|cancel|return` for operators (403 for other roles): each needs a
/// reason, runs as one burst on the task's instance (journaled, audited with the request, the party notified) and
/// answers 200 with the task as <c>GET /api/tasks/{id}</c> reads it, or a status with `{"message"}`
/// (<see cref="TaskActionRunner"/>).</summary>
public static class TaskActionsApi
{
    public static IEndpointRouteBuilder MapTaskActionsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/tasks/{id}").RequireAuthorization(AccessPolicies.Operator);
        foreach (var action in TaskActionRunner.Actions)
        {
            api.MapPost("/" + action, (Guid id, TaskActionRequest? request, HttpContext http, TaskActionRunner runner, TaskQueries queries, CancellationToken cancellationToken) =>
                RunAsync(action, id, request, http, runner, queries, cancellationToken));
        }

        return app;
    }

    private static async Task<IResult> RunAsync(string action, Guid id, TaskActionRequest? request, HttpContext http, TaskActionRunner runner, TaskQueries queries, CancellationToken cancellationToken)
    {
        var scope = http.PartyScope();
        var outcome = await runner.RunAsync(action, id, request, scope, http.User.Identity?.Name ?? "operator", cancellationToken);
        if (outcome.Succeeded && await queries.GetAsync(scope, id, cancellationToken) is { } detail)
        {
            return TypedResults.Ok(TaskDetails.From(detail, outcome.Message));
        }

        return TypedResults.Json(new ApiMessage(outcome.Message), statusCode: outcome.Status);
    }
}
