using System.Globalization;
using Hangfire;
using Microsoft.Extensions.Options;
using Reduction.Server.Hosting;

namespace Reduction.Server.Admin;

public static class AdminDashboardEndpoints
{
    public const string Path = "/hangfire";

    /// <summary>The dashboard speaks Chinese (Hangfire ships the resources) whatever the browser asks for.</summary>
    private static readonly CultureInfo Chinese = CultureInfo.GetCultureInfo("zh-CN");

    /// <summary>The Hangfire dashboard for administrators only, in Chinese, without the storage's connection details;
    /// refused outright (403) when no administrator password is configured, since an open dashboard could delete or
    /// re-run any job.</summary>
    public static IEndpointRouteBuilder MapAdminDashboard(this IEndpointRouteBuilder app)
    {
        var admin = app.ServiceProvider.GetRequiredService<IOptions<ServerOptions>>().Value.Admin;
        var logger = app.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(AdminDashboardEndpoints));
        if (!admin.IsConfigured)
        {
            if (string.IsNullOrEmpty(admin.Password))
            {
                logger.LogWarning("Server:Admin:Password is not set: the job dashboard and the admin API are closed");
            }
            else
            {
                logger.LogWarning("Server:Admin:Password (or Server:Admin:User) is blank: refused as a password; the job dashboard and the admin API are closed");
            }

            app.Map($"{Path}/{{**rest}}", () => TypedResults.Json(new ApiMessage("未配置管理员密码（Server:Admin:Password），任务控制台已关闭"), statusCode: StatusCodes.Status403Forbidden));
            return app;
        }

        if (string.Equals(admin.Password, AdminOptions.ExamplePassword, StringComparison.Ordinal))
        {
            logger.LogWarning("Server:Admin:Password is the README's example '{Example}': anyone who read the README can administer this server; set a password of your own", AdminOptions.ExamplePassword);
        }

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
            .RequireAuthorization(AdminAuthorization.Policy);
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
