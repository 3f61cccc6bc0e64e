using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Reduction.Identity.Accounts;
using Reduction.Server.Access;
using Reduction.Server.Admin;
using Reduction.Workflows.Auditing;

namespace Reduction.Server.Dashboards;

/// <summary>
/// The dashboards' data and charts outside the page: `GET /api/dashboard?year=&amp;pollutant=&amp;prefecture=` (JSON,
/// bearer) and each chart as a file, `…/charts/{chart}.svg` or `.png`, both under `/api/dashboard` (bearer) and
/// `/console/dashboard` (the console's cookie, for the page's download links). Scoped like the page (another
/// prefecture's dashboard answers 404), audited as `dashboard.read` with the chart, year and prefecture.
/// </summary>
public static class DashboardEndpoints
{
    public const string ConsoleCharts = "/console/dashboard/charts/{chart}.{format}";

    public static IEndpointRouteBuilder MapDashboards(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/dashboard", DataAsync).RequireAuthorization(AccessPolicies.CycleData);
        app.MapGet("/api/dashboard/charts/{chart}.{format}", ChartAsync).RequireAuthorization(AccessPolicies.CycleData);
        app.MapGet(ConsoleCharts, ChartAsync)
            .RequireAuthorization(new AuthorizeAttribute { AuthenticationSchemes = IdentityConstants.ApplicationScheme, Roles = AccountRoles.Operator + "," + AccountRoles.Member });
        return app;
    }

    /// <summary>The console's link to a chart file.</summary>
    public static string ChartHref(string chart, string format, int year, string? pollutant, string? prefecture)
    {
        var query = "?year=" + year.ToString(CultureInfo.InvariantCulture);
        if (pollutant is not null)
        {
            query += "&pollutant=" + Uri.EscapeDataString(pollutant);
        }

        if (prefecture is not null)
        {
            query += "&prefecture=" + Uri.EscapeDataString(prefecture);
        }

        return $"/console/dashboard/charts/{Uri.EscapeDataString(chart)}.{format}{query}";
    }

    /// <summary>The year asked for, or the default; null when it is not a year the ledger keeps.</summary>
    public static int? Year(string? year, DashboardQueries queries)
    {
        ArgumentNullException.ThrowIfNull(queries);
        if (string.IsNullOrWhiteSpace(year))
        {
            return queries.DefaultYear();
        }

        return year.Length <= 4 && int.TryParse(year, NumberStyles.None, CultureInfo.InvariantCulture, out var y) && y is >= Ledger.LedgerQuery.FirstYear and <= Ledger.LedgerQuery.LastYear ? y : null;
    }

    private static async Task<IResult> DataAsync(string? year, string? pollutant, string? prefecture, HttpContext http, DashboardQueries queries, AuditLog audit, CancellationToken cancellationToken)
    {
        if (Year(year, queries) is not { } y)
        {
            return BadYear();
        }

        var scope = http.PartyScope();
        if (!string.IsNullOrEmpty(prefecture))
        {
            if (await queries.PrefectureAsync(scope, prefecture, y, cancellationToken) is not { } one)
            {
                return NotFound();
            }

            await AuditAsync(http, audit, "data", y, prefecture, cancellationToken);
            return Results.Ok(new JsonObject
            {
                ["year"] = y,
                ["prefecture"] = one.PrefectureId,
                ["name"] = one.Name,
                ["verdict"] = one.Verdict.Verdict,
                ["pollutants"] = new JsonArray(one.Pollutants.Select(p => (JsonNode)new JsonObject
                {
                    ["pollutant"] = p.Pollutant.Code,
                    ["years"] = Bars(p.Years),
                }).ToArray()),
                ["keyProjects"] = new JsonArray(one.Projects.Select(p => (JsonNode)new JsonObject
                {
                    ["name"] = p.Value.Name,
                    ["dueDate"] = p.Value.DueDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                }).ToArray()),
                ["tasks"] = one.Tasks.Count,
            });
        }

        var region = await queries.RegionAsync(scope, y, pollutant, cancellationToken);
        await AuditAsync(http, audit, "data", y, null, cancellationToken);
        return Results.Ok(new JsonObject
        {
            ["year"] = y,
            ["pollutant"] = region.Pollutant.Code,
            ["emissions"] = Bars(region.Emissions),
            ["years"] = new JsonArray(region.Years.Select(v => (JsonNode?)v).ToArray()),
            ["trend"] = new JsonArray(region.Trend.Select(s => (JsonNode)new JsonObject
            {
                ["prefecture"] = s.Key,
                ["tonnes"] = new JsonArray(s.Values.Select(v => (JsonNode?)v).ToArray()),
            }).ToArray()),
            ["monitoring"] = new JsonArray(region.Rates.Select(r => (JsonNode)new JsonObject { ["criterion"] = r.Criterion, ["rates"] = Bars(r.Bars) }).ToArray()),
            ["verdicts"] = new JsonArray(region.Map.Select(m => (JsonNode)new JsonObject { ["prefecture"] = m.PrefectureId, ["verdict"] = m.Verdict }).ToArray()),
        });
    }

    private static async Task<IResult> ChartAsync(string chart, string format, string? year, string? pollutant, string? prefecture, HttpContext http, DashboardQueries queries, AuditLog audit, CancellationToken cancellationToken)
    {
        if (format is not ("svg" or "png"))
        {
            return NotFound("图表只能下载为 SVG 或 PNG。");
        }

        if (Year(year, queries) is not { } y)
        {
            return BadYear();
        }

        var scope = http.PartyScope();
        System.Xml.Linq.XElement? svg;
        string name;
        if (!string.IsNullOrEmpty(prefecture))
        {
            if (await queries.PrefectureAsync(scope, prefecture, y, cancellationToken) is not { } one)
            {
                return NotFound();
            }

            svg = DashboardCharts.Prefecture(one, chart);
            name = $"{one.Name}-{chart}-{y}";
        }
        else
        {
            svg = DashboardCharts.Region(await queries.RegionAsync(scope, y, pollutant, cancellationToken), chart);
            name = $"全区-{chart}-{y}";
        }

        if (svg is null)
        {
            return NotFound("没有这个图表。");
        }

        await AuditAsync(http, audit, chart + "." + format, y, prefecture, cancellationToken);
        return format == "svg"
            ? Results.File(System.Text.Encoding.UTF8.GetBytes(SvgChart.ToFile(svg)), "image/svg+xml; charset=utf-8", name + ".svg")
            : Results.File(DashboardCharts.Png(svg), "image/png", name + ".png");
    }

    private static JsonArray Bars(IEnumerable<ChartBar> bars) => new(bars.Select(b => (JsonNode)new JsonObject
    {
        ["key"] = b.Key,
        ["value"] = b.Value,
        ["target"] = b.Target,
        ["behind"] = b.Behind,
        ["note"] = b.Note,
    }).ToArray());

    private static Task AuditAsync(HttpContext http, AuditLog audit, string what, int year, string? prefecture, CancellationToken cancellationToken) =>
        audit.AppendAsync(http.Actor().Entry("dashboard.read", "dashboard", prefecture,
            detail: string.Create(CultureInfo.InvariantCulture, $"chart={what} prefecture={prefecture ?? "*"} year={year}")), cancellationToken);

    private static IResult BadYear() => Results.BadRequest(new ApiMessage($"年度应为 {Ledger.LedgerQuery.FirstYear} 至 {Ledger.LedgerQuery.LastYear} 之间的年份。"));

    private static IResult NotFound(string message = "没有这个地市，或无权查看。") => Results.NotFound(new ApiMessage(message));
}
