using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Reduction.Server.Tests.Support;
using Reduction.Testing;

namespace Reduction.Server.Tests.Api;

/// <summary>Without a configured administrator password the dashboard and the admin API are closed outright.</summary>
public sealed class ClosedAdminTests(PostgresServer postgres) : IClassFixture<PostgresServer>
{
    [Fact]
    public async Task NoAdminPassword_DashboardAndApiRefused403_HealthStillAnswers()
    {
        using var folder = new DrillFolder(Drills.Answer);
        await using var factory = new ApiFactory(await postgres.CreateDatabaseAsync(), folder.Path, adminPassword: null);
        using var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = AdminClient.Basic("admin", string.Empty);

        using var dashboard = await client.GetAsync(new Uri("/hangfire", UriKind.Relative));
        using var api = await client.GetAsync(new Uri("/api/workflows", UriKind.Relative));
        using var health = await client.GetAsync(new Uri("/health", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Forbidden, dashboard.StatusCode);
        Assert.Contains("未配置管理员密码", (await dashboard.Content.ReadFromJsonAsync<JsonObject>())!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, api.StatusCode);
        Assert.Empty(api.Headers.WwwAuthenticate);
        Assert.NotEqual(HttpStatusCode.Unauthorized, health.StatusCode);
    }
}
