using System.Net.Http.Headers;
using System.Net.Http.Json;
using Reduction.Server.Tests.Console;

namespace Reduction.Server.Tests.Designer;

/// <summary>The real server for the designer's browser tests: as <see cref="ConsoleServer"/>, with administrators
/// signing in by password alone so the tests reach the designer in one step, and an API client of a system
/// administrator for checking what was stored.</summary>
public sealed class DesignerServer : ConsoleServer
{
    protected override bool RequireTwoFactorForAdmins => false;

    /// <summary>A client of the server's API with a bearer token of <paramref name="user"/>.</summary>
    public async Task<HttpClient> ApiAsync(string user)
    {
        var client = new HttpClient { BaseAddress = BaseAddress };
        using var response = await client.PostAsJsonAsync(new Uri("/api/auth/token", UriKind.Relative), new { username = user, password = Password });
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<System.Text.Json.Nodes.JsonObject>())!["token"]!.GetValue<string>();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}
