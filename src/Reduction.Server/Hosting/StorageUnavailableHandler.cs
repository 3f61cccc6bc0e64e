using Hangfire;
using Microsoft.AspNetCore.Diagnostics;
using Reduction.Server.Admin;

namespace Reduction.Server.Hosting;

/// <summary>Answers 503 with a retry hint, not 500, when a request fails because the database (or the job storage in
/// it) is unreachable: the caller should simply try again, and nothing was half-done (each step is one transaction).</summary>
internal sealed class StorageUnavailableHandler(ILogger<StorageUnavailableHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (!StorageErrors.IsUnavailable(exception) && exception is not BackgroundJobClientException)
        {
            return false;
        }

        logger.LogWarning("{Method} {Path}: storage unavailable ({Error})", httpContext.Request.Method, httpContext.Request.Path, exception.Message);
        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        httpContext.Response.Headers.RetryAfter = "5";
        await httpContext.Response.WriteAsJsonAsync(new ApiMessage("数据库暂时不可用，请稍后重试"), cancellationToken);
        return true;
    }
}
