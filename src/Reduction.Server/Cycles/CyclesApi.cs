using Microsoft.AspNetCore.Http.HttpResults;
using Reduction.Server.Access;
using Reduction.Server.Admin;
using Reduction.Workflows.Execution;

namespace Reduction.Server.Cycles;

public static class CyclesApi
{
    /// <summary>`POST /api/cycles/{year}/start` for administrators: 201 when started, 200 with the existing instance
    /// when the year's cycle already runs (safe to repeat), 400 for a year outside the plan periods, 404 when
    /// `annual-cycle` is not published.</summary>
    public static IEndpointRouteBuilder MapCyclesApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/cycles/{year}/start", StartAsync).RequireAuthorization(AccessPolicies.Operator);
        return app;
    }

    private static async Task<Results<Created<CycleStartResponse>, Ok<CycleStartResponse>, BadRequest<ApiMessage>, NotFound<ApiMessage>>> StartAsync(
        int year, CycleStarter cycles, CancellationToken cancellationToken)
    {
        if (await cycles.CheckAsync(year, cancellationToken) is { } problem)
        {
            return TypedResults.BadRequest(new ApiMessage(problem));
        }

        StartResult started;
        try
        {
            started = await cycles.StartAsync(year, cancellationToken);
        }
        catch (WorkflowNotFoundException)
        {
            return TypedResults.NotFound(new ApiMessage($"流程“{CycleStarter.DefinitionId}”尚未发布"));
        }

        var response = new CycleStartResponse(started.InstanceId, started.Created, CycleStarter.CorrelationKey(year));
        return started.Created ? TypedResults.Created($"/api/instances/{started.InstanceId}", response) : TypedResults.Ok(response);
    }
}
