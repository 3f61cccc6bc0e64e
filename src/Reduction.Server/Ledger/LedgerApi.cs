using System.Globalization;
using System.Text.Json.Nodes;
using Reduction.Domain.Parties;
using Reduction.Ledger;
using Reduction.Ledger.Workbooks;
using Reduction.Server.Access;
using Reduction.Server.Admin;
using Reduction.Workflows.Auditing;

namespace Reduction.Server.Ledger;

/// <summary>
/// The ledger, targets and key projects for operators and members, scoped by party in the store's queries and audited
/// (reads as `ledger.read`, `targets.read`, `key-projects.read` with what was asked and how many rows came back):
/// `GET /api/ledger?prefecture=&amp;year=`, `GET /api/targets?year=&amp;prefecture=`, `GET /api/key-projects?prefecture=`,
/// `GET /api/ledger/history?kind=&amp;key=`. Imports and workbooks are in <see cref="LedgerWorkbookApi"/>.
/// </summary>
public static class LedgerApi
{
    public static IEndpointRouteBuilder MapLedgerApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/ledger", LedgerAsync).RequireAuthorization(AccessPolicies.CycleData);
        app.MapGet("/api/ledger/history", HistoryAsync).RequireAuthorization(AccessPolicies.CycleData);
        app.MapGet("/api/targets", TargetsAsync).RequireAuthorization(AccessPolicies.CycleData);
        app.MapGet("/api/key-projects", KeyProjectsAsync).RequireAuthorization(AccessPolicies.CycleData);
        return app;
    }

    private static async Task<IResult> LedgerAsync(string? prefecture, string? year, HttpContext http, LedgerStore store, PartyDirectory parties, AuditLog audit, CancellationToken cancellationToken)
    {
        if (LedgerQuery.Parse(prefecture, year, parties) is not { } query)
        {
            return LedgerQuery.Bad(prefecture, year, parties);
        }

        var entries = await store.LedgerAsync(http.PartyScope(), query.PrefectureId, query.Year, cancellationToken);
        await audit.AppendAsync(http.Actor().Entry("ledger.read", "ledger", query.PrefectureId, detail: query.Detail(entries.Count)), cancellationToken);
        var totals = entries.Where(e => e.Value.Enterprise.Length == 0)
            .GroupBy(e => (e.Value.PrefectureId, e.Value.Year, e.Value.Pollutant))
            .Select(g => (JsonNode)new JsonObject
            {
                ["prefecture"] = g.Key.PrefectureId,
                ["year"] = g.Key.Year,
                ["pollutant"] = g.Key.Pollutant,
                ["tonnes"] = LedgerTotals.Of(g.Select(e => e.Value)),
            });
        return Results.Ok(new JsonObject
        {
            ["prefecture"] = query.PrefectureId,
            ["year"] = query.Year,
            ["entries"] = new JsonArray(entries.Select(e => (JsonNode)Entry(e, parties)).ToArray()),
            ["totals"] = new JsonArray(totals.ToArray()),
        });
    }

    private static async Task<IResult> TargetsAsync(string? prefecture, string? year, HttpContext http, LedgerStore store, PartyDirectory parties, AuditLog audit, CancellationToken cancellationToken)
    {
        if (LedgerQuery.Parse(prefecture, year, parties) is not { } query)
        {
            return LedgerQuery.Bad(prefecture, year, parties);
        }

        var targets = await store.TargetsAsync(http.PartyScope(), query.Year, query.PrefectureId, cancellationToken);
        await audit.AppendAsync(http.Actor().Entry("targets.read", "targets", query.PrefectureId, detail: query.Detail(targets.Count)), cancellationToken);
        return Results.Ok(new JsonObject
        {
            ["prefecture"] = query.PrefectureId,
            ["year"] = query.Year,
            ["targets"] = new JsonArray(targets.Select(t => (JsonNode)new JsonObject
            {
                ["prefecture"] = t.Value.PrefectureId,
                ["prefectureName"] = NameOf(parties, t.Value.PrefectureId, t.Value.Year),
                ["year"] = t.Value.Year,
                ["pollutant"] = t.Value.Pollutant,
                ["kind"] = t.Value.Kind,
                ["value"] = t.Value.Value,
                ["version"] = t.Stamp.Version,
                ["source"] = t.Stamp.Source,
                ["changedBy"] = t.Stamp.ChangedBy,
                ["changedAt"] = t.Stamp.ChangedAt,
            }).ToArray()),
        });
    }

    private static async Task<IResult> KeyProjectsAsync(string? prefecture, HttpContext http, LedgerStore store, PartyDirectory parties, AuditLog audit, CancellationToken cancellationToken)
    {
        if (LedgerQuery.Parse(prefecture, null, parties) is not { } query)
        {
            return LedgerQuery.Bad(prefecture, null, parties);
        }

        var projects = await store.KeyProjectsAsync(http.PartyScope(), query.PrefectureId, cancellationToken);
        await audit.AppendAsync(http.Actor().Entry("key-projects.read", "key-projects", query.PrefectureId, detail: query.Detail(projects.Count)), cancellationToken);
        return Results.Ok(new JsonObject
        {
            ["prefecture"] = query.PrefectureId,
            ["keyProjects"] = new JsonArray(projects.Select(p => (JsonNode)new JsonObject
            {
                ["prefecture"] = p.Value.PrefectureId,
                ["prefectureName"] = NameOf(parties, p.Value.PrefectureId, p.Value.DueDate.Year),
                ["name"] = p.Value.Name,
                ["dueDate"] = p.Value.DueDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                ["note"] = p.Value.Note,
                ["version"] = p.Stamp.Version,
                ["source"] = p.Stamp.Source,
                ["changedBy"] = p.Stamp.ChangedBy,
                ["changedAt"] = p.Stamp.ChangedAt,
            }).ToArray()),
        });
    }

    private static async Task<IResult> HistoryAsync(string? kind, string? key, HttpContext http, LedgerStore store, AuditLog audit, CancellationToken cancellationToken)
    {
        if (kind is not (LedgerKeys.LedgerKind or LedgerKeys.TargetKind or LedgerKeys.KeyProjectKind) || string.IsNullOrWhiteSpace(key) || key.Length > 400)
        {
            return Results.BadRequest(new ApiMessage("请给出 kind（ledger、target 或 key-project）和 key（如 lhasa/2016/COD/industrial/）。"));
        }

        var versions = await store.HistoryAsync(http.PartyScope(), kind, key, cancellationToken);
        await audit.AppendAsync(http.Actor().Entry("ledger.history", kind, key, versions.Count == 0 ? AuditOutcomes.Denied : AuditOutcomes.Success), cancellationToken);
        if (versions.Count == 0)
        {
            return Results.NotFound(new ApiMessage("没有这项数据，或无权查看。"));
        }

        return Results.Ok(new JsonObject
        {
            ["kind"] = kind,
            ["key"] = key,
            ["versions"] = new JsonArray(versions.Select(v => (JsonNode)new JsonObject
            {
                ["version"] = v.Version,
                ["value"] = v.Value,
                ["source"] = v.Stamp.Source,
                ["changedBy"] = v.Stamp.ChangedBy,
                ["changedAt"] = v.Stamp.ChangedAt,
                ["reason"] = v.Stamp.Reason,
            }).ToArray()),
        });
    }

    internal static JsonObject Entry(LedgerEntry entry, PartyDirectory parties) => new()
    {
        ["prefecture"] = entry.Value.PrefectureId,
        ["prefectureName"] = NameOf(parties, entry.Value.PrefectureId, entry.Value.Year),
        ["year"] = entry.Value.Year,
        ["pollutant"] = entry.Value.Pollutant,
        ["sector"] = entry.Value.Sector,
        ["enterprise"] = entry.Value.Enterprise.Length == 0 ? null : entry.Value.Enterprise,
        ["tonnes"] = entry.Value.Tonnes,
        ["key"] = entry.Value.Key,
        ["version"] = entry.Stamp.Version,
        ["source"] = entry.Stamp.Source,
        ["changedBy"] = entry.Stamp.ChangedBy,
        ["changedAt"] = entry.Stamp.ChangedAt,
        ["reason"] = entry.Stamp.Reason,
    };

    private static string NameOf(PartyDirectory parties, string prefectureId, int year) =>
        parties.FindById(prefectureId) is { } party ? WorkbookContext.NameIn(party, year) : prefectureId;
}

/// <summary>The `prefecture` (id or any name it bore) and `year` of a ledger query.</summary>
internal sealed record LedgerQuery(string? PrefectureId, int? Year)
{
    public const int FirstYear = 2000;

    public const int LastYear = 2100;

    public static LedgerQuery? Parse(string? prefecture, string? year, PartyDirectory parties)
    {
        string? id = null;
        if (!string.IsNullOrWhiteSpace(prefecture))
        {
            if (prefecture.Length > 100 || parties.FindByName(prefecture) is not { Role: PartyRole.Prefecture } party)
            {
                return null;
            }

            id = party.Id;
        }

        int? y = null;
        if (!string.IsNullOrWhiteSpace(year))
        {
            if (!int.TryParse(year, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) || parsed is < FirstYear or > LastYear)
            {
                return null;
            }

            y = parsed;
        }

        return new LedgerQuery(id, y);
    }

    public static IResult Bad(string? prefecture, string? year, PartyDirectory parties) =>
        !string.IsNullOrWhiteSpace(prefecture) && (prefecture.Length > 100 || parties.FindByName(prefecture) is not { Role: PartyRole.Prefecture })
            ? Results.BadRequest(new ApiMessage($"没有地市“{(prefecture.Length > 30 ? prefecture[..30] + "…" : prefecture)}”：prefecture 应为地市的编号或名称。"))
            : Results.BadRequest(new ApiMessage(string.Create(CultureInfo.InvariantCulture, $"year 应为 {FirstYear} 至 {LastYear} 之间的年份。")));

    public string Detail(int rows) => string.Create(CultureInfo.InvariantCulture, $"prefecture={PrefectureId ?? "*"} year={(Year is { } y ? y.ToString(CultureInfo.InvariantCulture) : "*")} rows={rows}");
}
