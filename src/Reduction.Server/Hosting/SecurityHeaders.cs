using Reduction.Server.Admin;

namespace Reduction.Server.Hosting;

/// <summary>The headers every response carries, pages and errors alike: no framing, no sniffing, no referrer (task
/// links carry their token in the address), a content policy without script, and no caching of anything that may show
/// a task link or administrative data.</summary>
public static class SecurityHeaders
{
    /// <summary>Our pages have no script at all and one style sheet of our own.</summary>
    public const string PagePolicy =
        "default-src 'self'; script-src 'none'; style-src 'self'; img-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>The job dashboard loads its own scripts (none inline) but styles some elements inline.</summary>
    public const string DashboardPolicy =
        "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>`no-cache` as well as `no-store`: antiforgery sets exactly this on pages with a form and warns when it
    /// has to override anything else.</summary>
    public const string NoStore = "no-cache, no-store";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var path = context.Request.Path;
        var sensitive = path.StartsWithSegments("/t") || path.StartsWithSegments("/admin") || path.StartsWithSegments("/api");
        var policy = path.StartsWithSegments(AdminDashboardEndpoints.Path) ? DashboardPolicy : PagePolicy;

        // Before the endpoint runs, so pages and antiforgery see them; again as the response starts, because an error
        // handler clears the headers of the failed response.
        Apply(context.Response.Headers, policy, sensitive);
        context.Response.OnStarting(() =>
        {
            Apply(context.Response.Headers, policy, sensitive);
            return Task.CompletedTask;
        });
        await next(context);
    });

    private static void Apply(IHeaderDictionary headers, string policy, bool sensitive)
    {
        headers.TryAdd("X-Content-Type-Options", "nosniff");
        headers.TryAdd("X-Frame-Options", "DENY");
        headers.TryAdd("Referrer-Policy", "no-referrer");
        headers.TryAdd("Content-Security-Policy", policy);
        if (sensitive)
        {
            headers.TryAdd("Cache-Control", NoStore);
            headers.TryAdd("Pragma", "no-cache");
        }
    }
}
