using Hangfire;
using Microsoft.Extensions.Options;
using Reduction.Server.Hosting;

namespace Reduction.Server.Admin;

public static class AdminDashboardEndpoints
{
    public const string Path = "/hangfire";

    /// <summary>The Hangfire dashboard for administrators only; refused outright (403) when no administrator
    /// password is configured, since an open dashboard could delete or re-run any job.</summary>
    public static IEndpointRouteBuilder MapAdminDashboard(this IEndpointRouteBuilder app)
    {
        var admin = app.ServiceProvider.GetRequiredService<IOptions<ServerOptions>>().Value.Admin;
        if (!admin.IsConfigured)
        {
            app.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(AdminDashboardEndpoints))
                .LogWarning("Server:Admin:Password is not set: the job dashboard and the admin API are closed");
            app.Map($"{Path}/{{**rest}}", () => TypedResults.Json(new ApiMessage("未配置管理员密码（Server:Admin:Password），任务控制台已关闭"), statusCode: StatusCodes.Status403Forbidden));
            return app;
        }

        var options = new DashboardOptions
        {
            // The endpoint's authorization policy decides; Hangfire's own default would allow local requests only.
            Authorization = [],
            AsyncAuthorization = [],
            DashboardTitle = "Reduction 作业控制台",
            AppPath = null,
        };
        app.MapHangfireDashboard(Path, options, app.ServiceProvider.GetRequiredService<JobStorage>())
            .RequireAuthorization(AdminAuthorization.Policy);
        return app;
    }
}
