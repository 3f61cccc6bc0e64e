using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Reduction.Identity.Keys;
using Reduction.Identity.SignIn;
using Reduction.Server.Admin;

namespace Reduction.Server.Access;

public static class AuthApi
{
    /// <summary>`POST /api/auth/token`: 200 with a token; 401 for a wrong password or an unknown user alike (and for a
    /// missing or wrong second factor); 423 while the account is locked, even with the right password; 403 when the
    /// account must first change its password or enrol an authenticator in the console; 429 when this address failed
    /// too often.</summary>
    public static IEndpointRouteBuilder MapAuthApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/auth/token", IssueAsync).AllowAnonymous();
        return app;
    }

    private static async Task<Results<Ok<TokenResponse>, JsonHttpResult<ApiMessage>>> IssueAsync(
        TokenRequest? request,
        HttpContext http,
        AccountSignIn signIn,
        BearerCredentials credentials,
        SignInThrottle throttle,
        CancellationToken cancellationToken)
    {
        var client = http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        if (throttle.RetryAfter(client) is { } wait)
        {
            http.Response.Headers.RetryAfter = ((int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            return TypedResults.Json(new ApiMessage($"登录失败次数过多，请约 {Math.Max(1, (int)Math.Ceiling(wait.TotalMinutes))} 分钟后再试。"), statusCode: StatusCodes.Status429TooManyRequests);
        }

        var check = await signIn.CheckAsync(request?.Username, request?.Password, request?.Otp, client, cancellationToken);
        switch (check.Status)
        {
            case SignInStatus.Succeeded when check.Account!.MustChangePassword:
                return TypedResults.Json(new ApiMessage("请先登录控制台修改初始密码，再申请令牌"), statusCode: StatusCodes.Status403Forbidden);
            case SignInStatus.Succeeded:
                throttle.Succeed(client);
                var (token, expires) = await credentials.IssueTokenAsync(check.Account, cancellationToken);
                return TypedResults.Ok(new TokenResponse(token, expires));
            case SignInStatus.LockedOut:
                return TypedResults.Json(new ApiMessage(check.Message), statusCode: StatusCodes.Status423Locked);
            case SignInStatus.TwoFactorEnrolmentRequired:
                return TypedResults.Json(new ApiMessage(check.Message), statusCode: StatusCodes.Status403Forbidden);
            case SignInStatus.TwoFactorRequired:
                return TypedResults.Json(new ApiMessage(check.Message), statusCode: StatusCodes.Status401Unauthorized);
            default:
                throttle.Fail(client);
                return TypedResults.Json(new ApiMessage(check.Message), statusCode: StatusCodes.Status401Unauthorized);
        }
    }
}
