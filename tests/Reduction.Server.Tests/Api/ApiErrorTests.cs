using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Reduction.Server.Tests.Support;
using Reduction.Testing;

namespace Reduction.Server.Tests.Api;

/// <summary>Every error answer of `/api` is JSON with a Chinese message, never a 500 for a bad request, and never the
/// exception's text, in Development and Production alike.</summary>
public sealed partial class ApiErrorTests(PostgresServer postgres) : IClassFixture<PostgresServer>
{
    private const string Secret = "connection to /var/secret/reduction.db failed";

    [Theory]
    [InlineData("Development")]
    [InlineData("Production")]
    public async Task Api_BadRequestsAndFailures_JsonWithChineseMessage(string environment)
    {
        using var folder = new DrillFolder(Drills.Answer);
        await using var factory = new ApiFactory(await postgres.CreateDatabaseAsync(), folder.Path, environment);
        await using var failing = factory.WithWebHostBuilder(builder => builder.ConfigureServices(services => services.AddSingleton<IStartupFilter, FailingEndpoint>()));
        await TestAccounts.EnsureOperatorAsync(failing.Services);
        using var client = new HttpClient(AdminClient.SignedIn(failing.Server.CreateHandler())) { BaseAddress = new Uri("http://localhost") };

        var cases = new (string Name, HttpRequestMessage Request, HttpStatusCode Expected)[]
        {
            ("malformed JSON", Json(HttpMethod.Post, "/api/workflows/answer/instances", "{\"variables\": {"), HttpStatusCode.BadRequest),
            ("JSON of the wrong shape", Json(HttpMethod.Post, "/api/workflows/answer/instances", "[1, 2]"), HttpStatusCode.BadRequest),
            ("wrong content type", new HttpRequestMessage(HttpMethod.Post, "/api/clock/advance") { Content = new ByteArrayContent("<by>P1D</by>"u8.ToArray()) { Headers = { ContentType = new("application/xml") } } }, HttpStatusCode.UnsupportedMediaType),
            ("non-Guid instance id", new HttpRequestMessage(HttpMethod.Get, "/api/instances/not-a-guid"), HttpStatusCode.BadRequest),
            ("non-Guid task id", Json(HttpMethod.Post, "/api/tasks/12345/complete", "{}"), HttpStatusCode.BadRequest),
            ("non-numeric year", Json(HttpMethod.Post, "/api/cycles/twenty/start", "{}"), HttpStatusCode.BadRequest),
            ("unknown route", new HttpRequestMessage(HttpMethod.Get, "/api/no-such-thing"), HttpStatusCode.NotFound),
            ("wrong method", new HttpRequestMessage(HttpMethod.Delete, "/api/workflows"), HttpStatusCode.MethodNotAllowed),
            ("unhandled exception", new HttpRequestMessage(HttpMethod.Get, FailingEndpoint.Path), HttpStatusCode.InternalServerError),
        };

        foreach (var (name, request, expected) in cases)
        {
            using (request)
            using (var response = await client.SendAsync(request))
            {
                var text = await response.Content.ReadAsStringAsync();
                Assert.True(expected == response.StatusCode, $"{environment}, {name}: {(int)response.StatusCode} {text}");
                Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
                var body = JsonNode.Parse(text)!.AsObject();
                Assert.True(Chinese().IsMatch(body["message"]!.GetValue<string>()), $"{environment}, {name}: {text}");
                Assert.DoesNotContain("secret", text, StringComparison.OrdinalIgnoreCase);
                Assert.DoesNotContain("Exception", text, StringComparison.Ordinal);
                Assert.DoesNotContain(" at ", text, StringComparison.Ordinal);
            }
        }

        // Answers the endpoints write themselves keep their message.
        using var unknownStatus = await client.GetAsync(new Uri("/api/instances?status=bogus", UriKind.Relative));
        Assert.Equal(HttpStatusCode.BadRequest, unknownStatus.StatusCode);
        Assert.Contains("未知的实例状态", (await unknownStatus.Content.ReadFromJsonAsync<JsonObject>())!["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    private static HttpRequestMessage Json(HttpMethod method, string path, string json) =>
        new(method, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };

    [GeneratedRegex(@"\p{IsCJKUnifiedIdeographs}")]
    private static partial Regex Chinese();

    /// <summary>An `/api` address whose handling fails with an exception that must not reach the client.</summary>
    private sealed class FailingEndpoint : IStartupFilter
    {
        public const string Path = "/api/test-failure";

        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            next(app);

            // After the whole pipeline: reached when no endpoint matched, inside the error handling.
            app.Use((HttpContext context, RequestDelegate rest) => context.Request.Path == Path
                ? throw new InvalidOperationException(Secret)
                : rest(context));
        };
    }
}
