using System.Net;
using Npgsql;

namespace Reduction.Server.Tests.Api;

/// <summary>The job dashboard speaks Chinese and does not show where the database is.</summary>
public sealed class DashboardTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task Dashboard_InChineseWithoutTheDatabase()
    {
        using var client = await fixture.PagesAsync();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en-US");

        using var response = await client.GetAsync(new Uri("/hangfire", UriKind.Relative));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("仪表盘", html, StringComparison.Ordinal);
        Assert.Contains("服务器", html, StringComparison.Ordinal);
        Assert.DoesNotContain(">Servers<", html, StringComparison.Ordinal);
        var database = new NpgsqlConnectionStringBuilder(fixture.ConnectionString).Database!;
        Assert.DoesNotContain(database, html, StringComparison.OrdinalIgnoreCase);
    }
}
