using Microsoft.AspNetCore.Diagnostics;
using Reduction.Server.Admin;

namespace Reduction.Server.Hosting;

/// <summary>The last error handler: a failure nobody handled is answered with a plain Chinese message, JSON on `/api`
/// and a short page elsewhere, the same in every environment. Neither says what failed or where: that is in the log
/// (logged here: since .NET 10 the exception middleware no longer logs a failure that a handler took), not for whoever
/// sent the request.</summary>
internal sealed class UnhandledExceptionHandler(ILogger<UnhandledExceptionHandler> logger) : IExceptionHandler
{
    public const string Message = "服务器内部错误，请稍后重试；问题持续时请联系系统管理员。";

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        // A request the server could not read (too large, cut off) is the client's error, not ours.
        var status = exception is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError;
        if (status >= 500)
        {
            logger.LogError(exception, "Unhandled failure on {Method} {Path}", httpContext.Request.Method, httpContext.Request.Path);
        }

        httpContext.Response.StatusCode = status;
        var message = status >= 500 ? Message : ApiErrors.MessageOf(status, httpContext.Request.Method);
        if (ApiErrors.IsApi(httpContext))
        {
            await httpContext.Response.WriteAsJsonAsync(new ApiMessage(message), cancellationToken);
            return true;
        }

        httpContext.Response.ContentType = "text/html; charset=utf-8";
        await httpContext.Response.WriteAsync(
            $"""<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>出错了</title></head><body><h1>出错了</h1><p>{message}</p></body></html>""",
            cancellationToken);
        return true;
    }
}
