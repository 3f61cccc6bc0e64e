using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Reduction.Identity.Accounts;

namespace Reduction.Server.Tests.Support;

/// <summary>
/// Console cookies for the page tests of in-process servers: a test-only endpoint signs an existing account in with
/// the real SignInManager and cookie handler, so page tests need not drive the sign-in form (the browser tests do).
/// Never part of the server; added by the test factories only.
/// </summary>
internal sealed class TestSignIn : IStartupFilter
{
    public const string Path = "/__test/sign-in";

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        // Not app.Map: that would make the path a PathBase, and the cookie's path with it.
        app.Use(async (context, nextMiddleware) =>
        {
            if (context.Request.Path != Path)
            {
                await nextMiddleware(context);
                return;
            }

            var users = context.RequestServices.GetRequiredService<UserManager<Account>>();
            if (await users.FindByNameAsync(context.Request.Query["user"].ToString()) is not { } account)
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }

            await context.RequestServices.GetRequiredService<SignInManager<Account>>().SignInAsync(account, isPersistent: false);
            context.Response.StatusCode = StatusCodes.Status204NoContent;
        });
        next(app);
    };

    /// <summary>Registers the endpoint on a factory's host.</summary>
    public static void AddTo(IWebHostBuilder builder) =>
        builder.ConfigureTestServices(services => services.AddSingleton<IStartupFilter, TestSignIn>());

    /// <summary>A browser-like client (cookies kept, redirects not followed) signed in to the console as
    /// <paramref name="user"/>.</summary>
    public static async Task<HttpClient> ClientAsync<T>(WebApplicationFactory<T> factory, string user = AdminClient.User)
        where T : class
    {
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        using var signedIn = await client.PostAsync(new Uri($"{Path}?user={Uri.EscapeDataString(user)}", UriKind.Relative), null);
        if (signedIn.StatusCode != HttpStatusCode.NoContent)
        {
            throw new InvalidOperationException($"test sign-in of {user}: {(int)signedIn.StatusCode}");
        }

        return client;
    }
}
