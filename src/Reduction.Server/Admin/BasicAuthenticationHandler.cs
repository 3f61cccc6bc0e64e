using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Reduction.Server.Hosting;

namespace Reduction.Server.Admin;

/// <summary>HTTP Basic against the configured administrator credential. Without a configured password nobody is
/// let in and the challenge says so (403) instead of asking for a password that cannot exist. Failed sign-ins are
/// logged with the client address and, past the limit, refused (429) for a while.</summary>
internal sealed class BasicAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IOptionsMonitor<ServerOptions> server,
    SignInThrottle throttle) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    private TimeSpan? _retryAfter;

    private string Client => Context.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var result = Authenticate();
        if (result.Failure is not null && _retryAfter is null)
        {
            var failures = throttle.Fail(Client);
            Logger.LogWarning("Failed administrator sign-in from {Client} ({Reason}; {Failures} in the window)", Client, result.Failure.Message, failures);
        }
        else if (result.Succeeded)
        {
            throttle.Succeed(Client);
        }

        return Task.FromResult(result);
    }

    private AuthenticateResult Authenticate()
    {
        var admin = server.CurrentValue.Admin;
        if (!admin.IsConfigured
            || !AuthenticationHeaderValue.TryParse(Request.Headers.Authorization, out var header)
            || !string.Equals(header.Scheme, "Basic", StringComparison.OrdinalIgnoreCase)
            || header.Parameter is not { Length: > 0 } parameter)
        {
            return AuthenticateResult.NoResult();
        }

        // Refused before the password is even looked at: guessing must not go on at any speed.
        if (throttle.RetryAfter(Client) is { } wait)
        {
            _retryAfter = wait;
            Logger.LogWarning("Administrator sign-in from {Client} refused: too many failed sign-ins", Client);
            return AuthenticateResult.Fail("too many failed sign-ins");
        }

        string credential;
        try
        {
            credential = Encoding.UTF8.GetString(Convert.FromBase64String(parameter));
        }
        catch (FormatException)
        {
            return AuthenticateResult.Fail("malformed Basic credential");
        }

        var colon = credential.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0 || !SameSecret(credential[..colon], admin.User) | !SameSecret(credential[(colon + 1)..], admin.Password!))
        {
            return AuthenticateResult.Fail("wrong administrator credential");
        }

        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, admin.User), new Claim(ClaimTypes.Role, AdminAuthorization.Role)],
            AdminAuthorization.Scheme);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), AdminAuthorization.Scheme));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        if (!server.CurrentValue.Admin.IsConfigured)
        {
            Response.StatusCode = StatusCodes.Status403Forbidden;
            await Response.WriteAsJsonAsync(new ApiMessage("未配置管理员密码（Server:Admin:Password），管理功能已关闭"), Context.RequestAborted);
            return;
        }

        if (_retryAfter is { } wait)
        {
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            Response.Headers.RetryAfter = ((int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            await Response.WriteAsJsonAsync(
                new ApiMessage($"管理员密码错误次数过多，请约 {Math.Max(1, (int)Math.Ceiling(wait.TotalMinutes))} 分钟后再试。"),
                Context.RequestAborted);
            return;
        }

        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Basic realm=\"Reduction\", charset=\"UTF-8\"";
        await Response.WriteAsJsonAsync(new ApiMessage("需要管理员身份验证"), Context.RequestAborted);
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        await Response.WriteAsJsonAsync(new ApiMessage("没有管理员权限"), Context.RequestAborted);
    }

    /// <summary>Constant-time comparison of hashes, so neither content nor length leaks through timing.</summary>
    private static bool SameSecret(string given, string expected) =>
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(given)), SHA256.HashData(Encoding.UTF8.GetBytes(expected)));
}
