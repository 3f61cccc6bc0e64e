using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Reduction.Domain.Calendar;
using Reduction.Server.Access;
using Reduction.Server.Admin;
using Reduction.Workflows.Auditing;

namespace Reduction.Server.Audit;

public static class AuditApi
{
    private const int MaxTake = 5000;

    /// <summary>`GET /api/audit?from=&amp;to=&amp;user=&amp;action=&amp;skip=&amp;take=` for the audit administrator only
    /// (403 for every other role, the system administrator's included). `from`/`to` are Beijing dates (`to`
    /// inclusive) or instants with an offset. The read is itself audited.</summary>
    public static IEndpointRouteBuilder MapAuditApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/audit", GetAsync).RequireAuthorization(AccessPolicies.AuditAdmin);
        return app;
    }

    private static async Task<Results<Ok<AuditAnswer>, BadRequest<ApiMessage>>> GetAsync(
        HttpContext http,
        AuditLog audit,
        string? from,
        string? to,
        string? user,
        string? action,
        int? skip,
        int? take,
        CancellationToken cancellationToken)
    {
        if (!TryInstant(from, endOfDay: false, out var fromAt) || !TryInstant(to, endOfDay: true, out var toAt))
        {
            return TypedResults.BadRequest(new ApiMessage("from/to 应为日期（YYYY-MM-DD，北京时间）或带时区的时刻"));
        }

        if (take is < 1 or > MaxTake || skip is < 0)
        {
            return TypedResults.BadRequest(new ApiMessage($"take 应在 1 至 {MaxTake} 之间，skip 不能为负"));
        }

        var query = new AuditQuery(fromAt, toAt, Trim(user), Trim(action), skip ?? 0, take ?? 500);
        var entries = await audit.QueryAsync(query, cancellationToken);
        await audit.AppendAsync(
            http.Actor().Entry("audit.read", "audit-log", null, detail: $"from={from}; to={to}; user={Trim(user)}; action={Trim(action)}; entries={entries.Count}"),
            cancellationToken);
        return TypedResults.Ok(new AuditAnswer(entries.Select(AuditEntryView.From).ToList()));
    }

    private static string? Trim(string? value)
    {
        var trimmed = value?.Trim();
        return string.IsNullOrEmpty(trimmed) ? null : trimmed.Length <= 256 ? trimmed : trimmed[..256];
    }

    private static bool TryInstant(string? text, bool endOfDay, out DateTimeOffset? instant)
    {
        instant = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            instant = BeijingTime.StartOfDay(endOfDay ? day.AddDays(1) : day);
            return true;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var at) && text.Contains('T', StringComparison.Ordinal))
        {
            instant = at;
            return true;
        }

        return false;
    }
}
