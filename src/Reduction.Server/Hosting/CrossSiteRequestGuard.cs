using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Reduction.Server.Admin;

namespace Reduction.Server.Hosting;

/// <summary>Refuses state-changing `/api` requests a foreign web page could make a browser send with the cached
/// administrator credential: any with an `Origin` other than this server's own (or a configured
/// <see cref="ServerOptions.AllowedOrigins"/>), 403, and any with a form content type, 415, since a page can post a
/// form anywhere without asking. Clients that are not browsers (curl, the CLI) send no `Origin` and JSON, and pass.
/// The one exception is a workbook upload (<see cref="UploadPaths"/>): multipart is what it is, and it is safe because
/// `/api` authenticates by bearer token only, which a browser never attaches to a form on its own.</summary>
public static class CrossSiteRequestGuard
{
    private static readonly string[] FormTypes = ["application/x-www-form-urlencoded", "multipart/form-data", "text/plain"];

    /// <summary>Endpoints that take a multipart file upload.</summary>
    private static readonly string[] UploadPaths = ["/api/imports"];

    public static IApplicationBuilder UseCrossSiteRequestGuard(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var request = context.Request;
        if (!ApiErrors.IsApi(context) || HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method))
        {
            await next(context);
            return;
        }

        var origin = request.Headers.Origin.ToString();
        if (origin.Length > 0 && !IsAllowed(origin, context))
        {
            await RefuseAsync(context, StatusCodes.Status403Forbidden, "拒绝跨站请求：管理接口只接受本站页面或命令行工具的调用。");
            return;
        }

        if (MediaTypeHeaderValue.TryParse(request.ContentType, out var type)
            && FormTypes.Any(form => type.MediaType.Equals(form, StringComparison.OrdinalIgnoreCase))
            && !(type.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase) && UploadPaths.Any(p => request.Path.Equals(p, StringComparison.OrdinalIgnoreCase))))
        {
            await RefuseAsync(context, StatusCodes.Status415UnsupportedMediaType, "管理接口不接受表单提交，请求体应为 JSON（Content-Type: application/json）。");
            return;
        }

        await next(context);
    });

    private static bool IsAllowed(string origin, HttpContext context)
    {
        var own = $"{context.Request.Scheme}://{context.Request.Host}";
        if (string.Equals(origin, own, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        var allowed = context.RequestServices.GetRequiredService<IOptionsMonitor<ServerOptions>>().CurrentValue.AllowedOrigins;
        return allowed.Any(a => string.Equals(a.TrimEnd('/'), origin, StringComparison.OrdinalIgnoreCase));
    }

    private static async Task RefuseAsync(HttpContext context, int status, string message)
    {
        context.Response.StatusCode = status;
        await context.Response.WriteAsJsonAsync(new ApiMessage(message), context.RequestAborted);
    }
}
