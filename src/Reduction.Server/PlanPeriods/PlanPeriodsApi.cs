using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Reduction.Domain.PlanPeriods;
using Reduction.Server.Access;
using Reduction.Workflows.PlanPeriods;

namespace Reduction.Server.PlanPeriods;

public static class PlanPeriodsApi
{
    /// <summary>`GET /api/plan-periods` for administrators: the plan periods in the database, oldest first, in the
    /// format of `reduction plan-periods import` (id, name, years, pollutants with codes, names and sectors, target
    /// kinds, thresholds as fractions "75/100", basis per criterion, the measures title, and `carriedOver` listing the values still to confirm).</summary>
    public static IEndpointRouteBuilder MapPlanPeriodsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/plan-periods", GetAsync).RequireAuthorization(AccessPolicies.ReferenceRead);
        return app;
    }

    private static async Task<Ok<JsonObject>> GetAsync(PlanPeriodStore store, CancellationToken cancellationToken)
    {
        var catalog = await store.GetCatalogAsync(cancellationToken);
        return TypedResults.Ok(new JsonObject
        {
            ["planPeriods"] = new JsonArray(catalog.Periods.Select(p => (JsonNode?)PlanPeriodJson.Write(p)).ToArray()),
        });
    }
}
