using Reduction.Workflows.Auditing;

namespace Reduction.Server.Access;

/// <summary>
/// Every change made through `/api` and the pages, and every read of confidential data, leaves an audit entry: for a
/// state-changing request the entry is bound to the request's change (<see cref="AuditScope"/>: it commits in the
/// transaction that makes the change, or not at all); a request that changed nothing (refused, invalid, repeated) is
/// recorded with its outcome after the answer. Reads of a task (its answers), an instance and a notice are recorded
/// after the answer. The action is the method and route (`POST /api/tasks/{id}/complete`), the target the route's id.
/// </summary>
public static class AuditedRequests
{
    /// <summary>GET routes whose answers are confidential (answers, attachments, variables, rendered notices).</summary>
    private static readonly HashSet<string> ConfidentialReads = new(StringComparer.Ordinal)
    {
        "/api/tasks/{id}",
        "/api/instances/{id}",
        "/api/instances/{id}/trace",
        "/admin/outbox/{id:guid}",
        "/admin/outbox/{id:guid}/eml",
    };

    /// <summary>Audited by their own code (sign-in, the audit log's reads).</summary>
    private static readonly HashSet<string> SelfAudited = new(StringComparer.Ordinal) { "/api/auth/token", "/api/audit" };

    public static IApplicationBuilder UseAuditedRequests(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (context.GetEndpoint() is not RouteEndpoint { RoutePattern.RawText: { } pattern } || SelfAudited.Contains(pattern)
            || !(pattern.StartsWith("/api/", StringComparison.Ordinal) || pattern.StartsWith("/admin", StringComparison.Ordinal) || pattern.StartsWith("/console", StringComparison.Ordinal)))
        {
            await next(context);
            return;
        }

        var method = context.Request.Method;
        var isRead = HttpMethods.IsGet(method) || HttpMethods.IsHead(method);
        if (isRead && !ConfidentialReads.Contains(pattern))
        {
            await next(context);
            return;
        }

        var audit = context.RequestServices.GetRequiredService<AuditLog>();
        var (kind, id) = TargetOf(pattern, context);
        var action = $"{method} {pattern}";
        if (isRead)
        {
            await next(context);
            await audit.AppendAsync(context.Actor().Entry(action, kind, id, OutcomeOf(context.Response.StatusCode)), context.RequestAborted);
            return;
        }

        using (AuditScope.Record(context.Actor().Entry(action, kind, id)))
        {
            await next(context);
            await audit.FlushAsync(OutcomeOf(context.Response.StatusCode), CancellationToken.None);
        }
    });

    private static string OutcomeOf(int status) => status switch
    {
        < 400 => AuditOutcomes.Success,
        401 or 403 or 404 => AuditOutcomes.Denied,
        _ => AuditOutcomes.Failure,
    };

    /// <summary>The object a route acts on: the literal segment before the id (`tasks`, `instances`, `cycles`) and the id.</summary>
    private static (string? Kind, string? Id) TargetOf(string pattern, HttpContext context)
    {
        foreach (var name in new[] { "id", "year", "name" })
        {
            if (context.Request.RouteValues.TryGetValue(name, out var value) && value?.ToString() is { } text)
            {
                var segments = pattern.Split('/', StringSplitOptions.RemoveEmptyEntries);
                var at = Array.FindIndex(segments, s => s.StartsWith("{" + name, StringComparison.Ordinal));

                // The nearest literal segment before it: `parties` for /api/calendar/parties/{party}/{year}.
                var kind = at - 1;
                while (kind >= 0 && segments[kind].StartsWith('{'))
                {
                    kind--;
                }

                return (kind >= 0 ? segments[kind] : null, text.Length <= 200 ? text : text[..200]);
            }
        }

        return (pattern.Split('/', StringSplitOptions.RemoveEmptyEntries).LastOrDefault(), null);
    }
}
