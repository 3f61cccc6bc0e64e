using System.Net.Http.Headers;
using System.Net.Http.Json;

namespace Reduction.Server.Tests.Console;

/// <summary>The real server for the calendar's browser test: as <see cref="ConsoleServer"/>, with administrators signing
/// in by password alone, and with the national calendar as shipped (2010-2026): without the test years past 2026 the
/// other server tests configure, so 2027 has no arrangement until one is entered.</summary>
public sealed class CalendarServer : ConsoleServer
{
    protected override bool RequireTwoFactorForAdmins => false;

    protected override void Configure(Dictionary<string, string> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        environment.Remove("Calendar__NationalArrangementFiles__0");
    }

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
