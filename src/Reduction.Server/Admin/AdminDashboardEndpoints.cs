using System.Globalization;
using Hangfire;
using Reduction.Server.Access;

namespace Reduction.Server.Admin;

public static class AdminDashboardEndpoints
{
    public const string Path = "/hangfire";

    /// <summary>The dashboard speaks Chinese (Hangfire ships the resources) whatever the browser asks for.</summary>
    private static readonly CultureInfo Chinese = CultureInfo.GetCultureInfo("zh-CN");

    /// <summary>The Hangfire dashboard for system administrators only (signed in to the console), in Chinese, without
    /// the storage's connection details: it can delete or re-run any job.</summary>
    public static IEndpointRouteBuilder MapAdminDashboard(this IEndpointRouteBuilder app)
    {
        var options = new DashboardOptions
        {
            // The endpoint's authorization policy decides; Hangfire's own default would allow local requests only.
            Authorization = [],
            AsyncAuthorization = [],
            DashboardTitle = "Reduction 作业控制台",
            AppPath = null,

            // The footer would show the storage, that is the database host and name or the SQLite file's path.
            DisplayStorageConnectionString = false,
        };
        app.MapHangfireDashboard(Path, options, app.ServiceProvider.GetRequiredService<JobStorage>())
            .RequireAuthorization(AccessPolicies.SystemAdmin);
        return app;
    }

    /// <summary>Runs the dashboard's requests in zh-CN, so Hangfire picks its Chinese texts and formats.</summary>
    public static IApplicationBuilder UseChineseDashboard(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (!context.Request.Path.StartsWithSegments(Path))
        {
            await next(context);
            return;
        }

        var (culture, uiCulture) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = Chinese;
        try
        {
            await next(context);
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (culture, uiCulture);
        }
    });
}
