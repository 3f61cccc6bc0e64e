using Microsoft.AspNetCore.Http.HttpResults;
using Reduction.Server.Access;
using Reduction.Workflows.Execution;

namespace Reduction.Server.Signals;

public static class SignalsApi
{
    /// <summary>`POST /api/signals/{name}`, for administrators.</summary>
    public static IEndpointRouteBuilder MapSignalsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/signals").RequireAuthorization(AccessPolicies.Operator);
        api.MapPost("/{name}", SignalAsync);
        return app;
    }

    private static async Task<Ok<SignalResponse>> SignalAsync(string name, SignalRequest? request, WorkflowRuntime runtime, CancellationToken cancellationToken)
    {
        var correlation = string.IsNullOrEmpty(request?.Correlation) ? null : request.Correlation;
        var resumed = await runtime.SignalAsync(name, correlation, request?.Payload, cancellationToken);
        return TypedResults.Ok(new SignalResponse(name, correlation, resumed));
    }
}
