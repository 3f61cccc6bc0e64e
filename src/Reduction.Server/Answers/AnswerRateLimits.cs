using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Reduction.Server.Answers;

/// <summary>Rate limits of the public task pages, per client address: pages and posts (a token cannot be guessed in
/// any number of tries, but a flood still costs database work), and a much lower one for new-link requests, which
/// send e-mail.</summary>
public static class AnswerRateLimits
{
    public const string Pages = "task-pages";
    public const string Reissue = "task-link-reissue";

    public static IServiceCollection AddAnswerRateLimits(this IServiceCollection services)
    {
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = async (context, cancellationToken) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : TimeSpan.FromMinutes(1);
                context.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                context.HttpContext.Response.ContentType = "text/html; charset=utf-8";
                await context.HttpContext.Response.WriteAsync(
                    $"""<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>请求过于频繁</title></head><body><h1>请求过于频繁</h1><p>请约 {Math.Max(1, (int)Math.Ceiling(retryAfter.TotalMinutes))} 分钟后再试。</p></body></html>""",
                    cancellationToken);
            };
            limiter.AddPolicy(Pages, http =>
            {
                var options = http.RequestServices.GetRequiredService<IOptions<AnswerPageOptions>>().Value;
                return RateLimitPartition.GetFixedWindowLimiter(ClientOf(http), _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = Math.Max(1, options.RequestsPerMinute),
                    Window = TimeSpan.FromMinutes(1),
                });
            });
            limiter.AddPolicy(Reissue, http =>
            {
                var options = http.RequestServices.GetRequiredService<IOptions<AnswerPageOptions>>().Value;
                return RateLimitPartition.GetFixedWindowLimiter(ClientOf(http), _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = Math.Max(1, options.ReissuesPerHour),
                    Window = TimeSpan.FromHours(1),
                });
            });
        });
        return services;
    }

    private static string ClientOf(HttpContext http) => http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
}
