using Microsoft.AspNetCore.Http.HttpResults;
using Reduction.Server.Access;
using Reduction.Server.Admin;
using Reduction.Workflows.Execution;
using Reduction.Workflows.Queries;

namespace Reduction.Server.Cycles;

public static class CyclesApi
{
    /// <summary>The first and last cycle years the overview answers for: the measures date from 2013, and a year beyond
    /// the last is a typing error rather than a plan.</summary>
    public const int FirstYear = 2000;

    public const int LastYear = 2100;

    /// <summary>`POST /api/cycles/{year}/start` for administrators: 201 when started, 200 with the existing instance
    /// when the year's cycle already runs (safe to repeat), 400 for a year outside the plan periods, 404 when
    /// `annual-cycle` is not published. `GET /api/cycles/{year}/overview` for operators and members: the year at a
    /// glance within the caller's party scope. `GET /api/cycles/{year}/start-preview` for operators: what a start now
    /// would do at once (<see cref="CycleStartPreviewer"/>).</summary>
    public static IEndpointRouteBuilder MapCyclesApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/cycles/{year}/start", StartAsync).RequireAuthorization(AccessPolicies.Operator);
        app.MapGet("/api/cycles/{year}/start-preview", PreviewAsync).RequireAuthorization(AccessPolicies.Operator);
        app.MapGet("/api/cycles/{year}/overview", OverviewAsync).RequireAuthorization(AccessPolicies.CycleData);
        return app;
    }

    /// <summary>The cycle year from its route text; null (with the Chinese reason) when it is not a year we run.</summary>
    public static int? ParseYear(string? text, out string? problem)
    {
        problem = null;
        if (int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var year) && year is >= FirstYear and <= LastYear)
        {
            return year;
        }

        problem = $"年度“{(text is { Length: > 20 } ? text[..20] + "…" : text)}”无效：请填写 {FirstYear}–{LastYear} 之间的四位年份";
        return null;
    }

    /// <summary>200 with one cell per party and task kind the caller may see (a prefecture member: its own only), the
    /// year's notices by state and its incidents; a year without a cycle answers 200 with `started: false` and no
    /// cells; 400 for a year that is not one.</summary>
    private static async Task<Results<Ok<CycleOverview>, BadRequest<ApiMessage>>> OverviewAsync(
        string year, HttpContext http, CycleOverviewQueries overviews, CancellationToken cancellationToken)
    {
        if (ParseYear(year, out var problem) is not { } cycleYear)
        {
            return TypedResults.BadRequest(new ApiMessage(problem!));
        }

        return TypedResults.Ok(await overviews.GetAsync(http.PartyScope(), cycleYear, cancellationToken));
    }

    /// <summary>What starting the year now would send at once (200), or the instance already running it
    /// (`started: true`); 400 for a year that is not one or that no plan period covers, or without the workflow.</summary>
    private static async Task<Results<Ok<CycleStartPreviewResponse>, BadRequest<ApiMessage>>> PreviewAsync(
        string year, CycleStartPreviewer previewer, CancellationToken cancellationToken)
    {
        if (ParseYear(year, out var problem) is not { } cycleYear)
        {
            return TypedResults.BadRequest(new ApiMessage(problem!));
        }

        try
        {
            return TypedResults.Ok(await previewer.PreviewAsync(cycleYear, cancellationToken));
        }
        catch (CycleStartRefusedException refused)
        {
            return TypedResults.BadRequest(new ApiMessage(refused.Message));
        }
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
