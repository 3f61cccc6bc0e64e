using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Reduction.Domain.Calendar;
using Reduction.Domain.Parties;
using Reduction.Domain.Sanctions;
using Reduction.Identity.Accounts;
using Reduction.Identity.Keys;
using Reduction.Server.Access;
using Reduction.Server.Admin;
using Reduction.Workflows.Queries;

namespace Reduction.Server.Sanctions;

public static class SanctionsApi
{
    /// <summary>Rows per page of the registry (and of the console's sanctions page).</summary>
    public const int PageSize = 50;

    /// <summary>`GET /api/sanctions?prefecture=NAME&amp;date=YYYY-MM-DD` for other systems (administrator credential):
    /// the one-vote-veto sanctions in force for a prefecture (any name it has borne, or its id) on a date (default
    /// today, Beijing time). 400 with a zh-CN message for an unknown prefecture or a bad date. Also
    /// `GET /api/sanctions/registry` (every recorded measure with basis and state, scoped) and
    /// `POST /api/sanctions/{id}/lift` (operators: <see cref="SanctionLiftStarter"/>).</summary>
    public static IEndpointRouteBuilder MapSanctionsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/sanctions", GetAsync).RequireAuthorization(AccessPolicies.SanctionsRead);
        app.MapGet("/api/sanctions/registry", RegistryAsync).RequireAuthorization(AccessPolicies.CycleData);
        app.MapPost("/api/sanctions/{id:guid}/lift", LiftAsync).RequireAuthorization(AccessPolicies.Operator);
        return app;
    }

    /// <summary>Every recorded sanction the caller sees (a prefecture's member its own), with basis, state and lift.</summary>
    private static async Task<IResult> RegistryAsync(
        string? prefecture,
        int? year,
        string? kind,
        string? state,
        int? page,
        HttpContext http,
        PartyDirectory parties,
        SanctionQueries registry,
        CancellationToken cancellationToken)
    {
        var (filter, problem) = SanctionListFilter.Parse(prefecture, year, kind, state, parties);
        if (problem is not null)
        {
            return TypedResults.BadRequest(new ApiMessage(problem));
        }

        var number = Math.Max(1, page ?? 1);
        var found = await registry.PageAsync(http.PartyScope(), filter, (number - 1) * PageSize, PageSize, cancellationToken);
        var items = found.Items.Select(s =>
        {
            var lift = s.ActiveLift ?? s.Lifts.FirstOrDefault();
            return new SanctionRegistryItem(
                s.Id, s.PrefectureId, parties.FindById(s.PrefectureId)?.NameOn(s.StartsOn).Name ?? s.PrefectureId,
                SanctionKinds.ToCode(s.Kind), SanctionKinds.DisplayName(s.Kind), s.AssessedYear, Iso(s.StartsOn), s.EndsOn is { } end ? Iso(end) : null,
                s.Basis, SanctionStates.Code(s.State), s.LiftReason, lift?.InstanceId, lift?.Status.ToString());
        }).ToList();
        return TypedResults.Ok(new SanctionRegistry(found.Total, number, PageSize, items));
    }

    private static async Task<IResult> LiftAsync(Guid id, SanctionLiftRequest? request, HttpContext http, SanctionLiftStarter starter, CancellationToken cancellationToken)
    {
        var (outcome, instanceId) = await starter.StartAsync(id, request, http.PartyScope(), http.Actor(), cancellationToken);
        return TypedResults.Json(new SanctionLiftAnswer(instanceId, outcome.Message), statusCode: outcome.Status);
    }

    private static async Task<Results<Ok<SanctionsAnswer>, BadRequest<ApiMessage>, NotFound<ApiMessage>>> GetAsync(
        string? prefecture,
        string? date,
        HttpContext http,
        PartyDirectory parties,
        SanctionQueries registry,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(prefecture))
        {
            return TypedResults.BadRequest(new ApiMessage("请用 prefecture 参数指定地市，如 ?prefecture=日喀则市"));
        }

        var party = parties.FindByName(prefecture.Trim());
        if (party is null || party.Role != PartyRole.Prefecture)
        {
            var known = string.Join("、", parties.WithRole(PartyRole.Prefecture).Select(p => p.CurrentName.Name));
            return TypedResults.BadRequest(new ApiMessage($"未知地市“{prefecture}”，可用：{known}（含历史名称）"));
        }

        var day = BeijingTime.DateOf(time.GetUtcNow());
        if (!string.IsNullOrWhiteSpace(date) && !DateOnly.TryParseExact(date.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day))
        {
            return TypedResults.BadRequest(new ApiMessage($"日期“{date}”无效，应为 YYYY-MM-DD，如 2015-05-01"));
        }

        // A prefecture asking after another's sanctions gets an empty registry from the scoped query, so the answer
        // would read "none in force"; say instead that there is nothing to see, as for any object out of scope.
        // The registry is what a key with `sanctions:read` is for (the EIA approval system asks about any prefecture).
        var scope = http.User.HasClaim(ReductionClaimTypes.Scope, ApiScopes.SanctionsRead) ? PartyScope.Everything : http.PartyScope();
        if (!scope.ReadsAllSanctions && !scope.Owns(party.Id))
        {
            return TypedResults.NotFound(new ApiMessage($"无权查询“{prefecture}”的否决措施"));
        }

        var sanctions = await registry.InForceAsync(scope, party.Id, day, cancellationToken);
        var items = sanctions.Select(s => new SanctionItem(
            SanctionKinds.ToCode(s.Kind),
            SanctionKinds.DisplayName(s.Kind),
            Iso(s.StartsOn),
            s.EndsOn is { } end ? Iso(end) : null,
            s.AssessedYear,
            s.Basis)).ToList();
        return TypedResults.Ok(new SanctionsAnswer(party.NameOn(day).Name, party.Id, Iso(day), items, sanctions.Any(s => s.Kind == SanctionKind.EiaSuspension)));
    }

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
