using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace Reduction.Server.Tests.Api;

/// <summary>A page of another site cannot make a browser change anything through the admin API with the cached
/// administrator credential; curl and the CLI (no `Origin`, JSON) still can.</summary>
public sealed class CrossSiteRequestTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    [Theory]
    [InlineData("https://evil.example")]
    [InlineData("null")]
    [InlineData("http://localhost:8080")]
    public async Task Post_WithAForeignOrigin_403WithChineseMessage(string origin)
    {
        using var client = fixture.Client();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/signals/cross-site") { Content = JsonContent.Create(new JsonObject()) };
        request.Headers.Add("Origin", origin);

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("跨站", (await response.Content.ReadFromJsonAsync<JsonObject>())!["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("multipart/form-data; boundary=x")]
    [InlineData("text/plain")]
    public async Task Post_WithAFormContentType_415WithChineseMessage(string contentType)
    {
        using var client = fixture.Client();
        using var content = new ByteArrayContent(Encoding.UTF8.GetBytes("reason=x"));
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);

        // Retry takes no body at all: without the guard a page's form could trigger it.
        using var response = await client.PostAsync(new Uri($"/api/instances/{Guid.NewGuid()}/retry", UriKind.Relative), content);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Contains("表单", (await response.Content.ReadFromJsonAsync<JsonObject>())!["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("http://localhost")]
    [InlineData(ApiFixture.AllowedOrigin)]
    public async Task Post_WithoutOriginOrFromAnAllowedOne_Served(string? origin)
    {
        using var client = fixture.Client();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/signals/nobody-waits") { Content = JsonContent.Create(new JsonObject()) };
        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
        }

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Get_WithAForeignOrigin_Served()
    {
        using var client = fixture.Client();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/workflows");
        request.Headers.Add("Origin", "https://evil.example");

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
