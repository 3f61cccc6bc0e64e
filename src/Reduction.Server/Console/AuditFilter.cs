using System.Globalization;
using Reduction.Domain.Calendar;
using Reduction.Workflows.Auditing;

namespace Reduction.Server.Console;

/// <summary>The audit page's filters as the person types them (Beijing dates, both days included) turned into an
/// <see cref="AuditQuery"/>; shared by the page and its CSV export so both show the same entries.</summary>
public sealed record AuditFilter(AuditQuery Query, string Description, string? Error)
{
    public static AuditFilter Parse(string? from, string? to, string? user, string? action)
    {
        DateTimeOffset? start = null;
        DateTimeOffset? end = null;
        if (!string.IsNullOrWhiteSpace(from))
        {
            if (!DateOnly.TryParseExact(from.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            {
                return new AuditFilter(new AuditQuery(), string.Empty, "起始日期格式应为 2026-12-01");
            }

            start = BeijingTime.StartOfDay(day);
        }

        if (!string.IsNullOrWhiteSpace(to))
        {
            if (!DateOnly.TryParseExact(to.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            {
                return new AuditFilter(new AuditQuery(), string.Empty, "截止日期格式应为 2026-12-01");
            }

            end = BeijingTime.StartOfDay(day.AddDays(1));
        }

        var query = new AuditQuery(start, end, Blank(user), Blank(action));
        var description = string.Create(CultureInfo.InvariantCulture, $"from={from?.Trim()}; to={to?.Trim()}; user={query.User}; action={query.Action}");
        return new AuditFilter(query, description, null);
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
