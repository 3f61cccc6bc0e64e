using System.Globalization;
using Reduction.Server.Admin;

namespace Reduction.Server.Hosting;

/// <summary>Every error answer of `/api` is JSON with a Chinese `message`: answers the endpoints wrote themselves
/// stay as they are; the empty ones of routing and binding (unknown address 404, wrong method 405, malformed JSON or a
/// bad parameter 400, a body that is not JSON 415) get a message by their status.</summary>
public static class ApiErrors
{
    public const string Prefix = "/api";

    public static bool IsApi(HttpContext context) => context.Request.Path.StartsWithSegments(Prefix);

    public static IApplicationBuilder UseApiErrors(this IApplicationBuilder app) => app.UseStatusCodePages(async context =>
    {
        var http = context.HttpContext;
        if (IsApi(http))
        {
            await http.Response.WriteAsJsonAsync(new ApiMessage(MessageOf(http.Response.StatusCode, http.Request.Method)), http.RequestAborted);
        }
        else if (http.Response.StatusCode == StatusCodes.Status404NotFound && http.Request.Path.StartsWithSegments(Console.ConsolePaths.Root))
        {
            await Console.ConsoleEndpoints.NotFoundAsync(http);
        }
    });

    /// <summary>The message for an error answer that has none of its own.</summary>
    public static string MessageOf(int status, string method) => status switch
    {
        StatusCodes.Status400BadRequest => "请求无效：请求体不是有效的 JSON，或参数格式不正确（编号应为 GUID，年份应为数字）。",
        StatusCodes.Status401Unauthorized => "需要管理员身份验证",
        StatusCodes.Status403Forbidden => "没有权限执行此操作",
        StatusCodes.Status404NotFound => "接口不存在，请检查请求地址。",
        StatusCodes.Status405MethodNotAllowed => $"此接口不支持 {method} 请求。",
        StatusCodes.Status413PayloadTooLarge => "请求体过大。",
        StatusCodes.Status415UnsupportedMediaType => "请求体应为 JSON（Content-Type: application/json）。",
        StatusCodes.Status429TooManyRequests => "请求过于频繁，请稍后再试。",
        >= 500 => UnhandledExceptionHandler.Message,
        _ => string.Create(CultureInfo.InvariantCulture, $"请求未能处理（HTTP {status}）。"),
    };
}
