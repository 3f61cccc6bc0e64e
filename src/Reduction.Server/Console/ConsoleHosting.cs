using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using MudBlazor.Services;
using Reduction.Server.Components.Console;

namespace Reduction.Server.Console;

/// <summary>The signed-in console under <see cref="ConsolePaths.Root"/>: its Blazor root (<see cref="ConsoleApp"/>,
/// interactive server where a page asks for it), MudBlazor, the sign-in, sign-out and audit export endpoints, and the
/// guards every console request passes (password change and two-factor enrolment first, the console's own content
/// policy, session time-out detection).</summary>
public static class ConsoleHosting
{
    public static WebApplicationBuilder AddConsole(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;

        // MudBlazor's and Blazor's scripts and styles are static web assets: from the packages' folders in a build
        // output (any environment, so the tests' Production server finds them), from wwwroot once published.
        builder.WebHost.UseStaticWebAssets();
        // The designer sends a 200-activity definition's edits over the circuit: a larger message limit than the
        // 32 KB default, so the circuit never drops on a big canvas (the way Elsa's designer does).
        services.AddRazorComponents().AddInteractiveServerComponents()
            .AddHubOptions(hub => hub.MaximumReceiveMessageSize = 1024 * 1024);
        services.AddHttpContextAccessor();
        services.AddSingleton<Reduction.Server.Workflows.Design.DesignerClipboard>();
        services.AddSingleton<Reduction.Server.Workflows.Design.NoticeTemplatePreviews>();
        services.AddCascadingAuthenticationState();
        services.AddMudServices();
        services.AddSingleton<SessionTimeouts>();

        // The sign-in cookie itself (scheme, paths, idle expiry) is configured with the rest of access; the console
        // only says how a refusal reads on its pages.
        services.PostConfigure<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme, cookie =>
        {
            var redirectToLogin = cookie.Events.OnRedirectToLogin;
            var redirectToAccessDenied = cookie.Events.OnRedirectToAccessDenied;
            cookie.Events.OnRedirectToLogin = async context =>
            {
                if (!ConsolePaths.IsConsole(context.Request.Path))
                {
                    await redirectToLogin(context);
                    return;
                }

                var timedOut = await context.HttpContext.RequestServices.GetRequiredService<SessionTimeouts>().DetectAsync(context.HttpContext, context.Options);
                context.Response.Redirect(timedOut ? context.RedirectUri + "&reason=timeout" : context.RedirectUri);
            };

            // A hand-typed route of another role: 403 with a Chinese page, not a redirect that looks like success.
            cookie.Events.OnRedirectToAccessDenied = async context =>
            {
                if (!ConsolePaths.IsConsole(context.Request.Path))
                {
                    await redirectToAccessDenied(context);
                    return;
                }

                await ConsoleEndpoints.ForbiddenAsync(context.HttpContext);
            };
        });

        // A session opened for two-factor enrolment carries no roles; Identity's periodic refresh must not add them back.
        services.Configure<SecurityStampValidatorOptions>(stamp =>
        {
            var refreshing = stamp.OnRefreshingPrincipal;
            stamp.OnRefreshingPrincipal = async context =>
            {
                if (refreshing is not null)
                {
                    await refreshing(context);
                }

                if (context.CurrentPrincipal is { } current && ConsoleSignIn.IsEnrolmentOnly(current) && context.NewPrincipal is { } fresh)
                {
                    context.NewPrincipal = ConsoleSignIn.EnrolmentOnly(fresh);
                }
            };
        });
        return builder;
    }

    public static WebApplication MapConsole(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseWhen(context => ConsolePaths.IsConsole(context.Request.Path), console => console.UseMiddleware<ConsoleGuard>());
        app.UseAntiforgery();
        app.MapStaticAssets();
        app.MapConsoleEndpoints();

        // Every console route authenticates with the sign-in cookie, whatever the server's default scheme is; each
        // page adds its roles ([Authorize(Roles = ...)]), the sign-in page allows anyone.
        app.MapRazorComponents<ConsoleApp>()
            .AddInteractiveServerRenderMode()
            .RequireAuthorization(new AuthorizeAttribute { AuthenticationSchemes = IdentityConstants.ApplicationScheme });
        return app;
    }
}
