using Microsoft.AspNetCore.Http.HttpResults;

namespace Reduction.Server.Health;

public static class HealthApi
{
    /// <summary>`GET /health`: 200 `{"status":"ok",…}` when the database answers and the job server is alive, else 503
    /// with what is wrong. Anonymous: load balancers and supervisors call it.</summary>
    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/health", GetHealthAsync).AllowAnonymous();
        return app;
    }

    private static async Task<Results<Ok<HealthReport>, JsonHttpResult<HealthReport>>> GetHealthAsync(HealthProbe probe, CancellationToken cancellationToken)
    {
        var report = await probe.CheckAsync(cancellationToken);
        return report.Status == HealthProbe.Ok
            ? TypedResults.Ok(report)
            : TypedResults.Json(report, statusCode: StatusCodes.Status503ServiceUnavailable);
    }
}
