using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Reduction.Server.Tests.Support;

/// <summary>The API over real HTTP as the test operator (an EPB account, bearer token; see <see cref="TestAccounts"/>).</summary>
internal sealed class AdminClient : IDisposable
{
    public const string User = "drill-operator";
    public const string Password = "Drill-Secret-2026";

    public AdminClient(Uri baseAddress)
    {
        Http = new HttpClient(new BearerTokenHandler(User, Password, new SocketsHttpHandler { MaxConnectionsPerServer = 256, PooledConnectionLifetime = TimeSpan.FromSeconds(30) }))
        {
            BaseAddress = baseAddress,
            Timeout = TimeSpan.FromSeconds(30),
        };
    }

    /// <summary>A handler that signs requests in as <paramref name="user"/> with a bearer token.</summary>
    public static HttpMessageHandler SignedIn(HttpMessageHandler inner, string user = User, string password = Password) =>
        new BearerTokenHandler(user, password, inner);

    public HttpClient Http { get; }

    public Task<HttpResponseMessage> StartAsync(string definitionId, JsonObject? variables = null, string? correlationKey = null, CancellationToken cancellationToken = default) =>
        Http.PostAsJsonAsync($"/api/workflows/{definitionId}/instances", new JsonObject { ["variables"] = variables, ["correlationKey"] = correlationKey }, cancellationToken);

    public Task<HttpResponseMessage> CompleteAsync(Guid taskId, JsonObject? data = null, string by = "drill", CancellationToken cancellationToken = default) =>
        Http.PostAsJsonAsync($"/api/tasks/{taskId}/complete", new JsonObject { ["data"] = data ?? new JsonObject { ["summary"] = "按期报送" }, ["by"] = by }, cancellationToken);

    public async Task<JsonNode> GetJsonAsync(string path, CancellationToken cancellationToken = default)
    {
        using var response = await Http.GetAsync(new Uri(path, UriKind.Relative), cancellationToken);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonNode>(cancellationToken))!;
    }

    /// <summary>Starts an instance by correlation key, retrying through crashes and outages until it is created or
    /// found (the key makes retries safe); returns its id.</summary>
    public async Task<Guid> StartReliablyAsync(string definitionId, JsonObject variables, string correlationKey, TimeSpan patience)
    {
        var deadline = DateTimeOffset.UtcNow + patience;
        while (true)
        {
            try
            {
                using var response = await StartAsync(definitionId, (JsonObject)variables.DeepClone(), correlationKey);
                if (response.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK)
                {
                    var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
                    return Guid.Parse(body["instanceId"]!.GetValue<string>());
                }

                if ((int)response.StatusCode < 500)
                {
                    throw new InvalidOperationException($"start {correlationKey}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Server down or restarting: try again.
            }

            if (DateTimeOffset.UtcNow > deadline)
            {
                throw new TimeoutException($"could not start {correlationKey} within {patience}");
            }

            await Task.Delay(200);
        }
    }

    public void Dispose() => Http.Dispose();
}
