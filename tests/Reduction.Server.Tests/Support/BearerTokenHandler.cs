using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Reduction.Server.Tests.Support;

/// <summary>Signs a test client in as a program would: `POST /api/auth/token` once (again after a 401, e.g. a
/// restarted server with a new database), then `Authorization: Bearer` on every request that has none of its own.</summary>
internal sealed class BearerTokenHandler(string user, string password, HttpMessageHandler inner) : DelegatingHandler(inner)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private string? _token;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Headers.Authorization is not null || request.RequestUri?.AbsolutePath == "/api/auth/token")
        {
            return await base.SendAsync(request, cancellationToken);
        }

        var token = await TokenAsync(null, request.RequestUri!, cancellationToken);
        var response = await SendWithAsync(request, token, cancellationToken);
        if (response.StatusCode == HttpStatusCode.Unauthorized && token is not null && request.Content is null)
        {
            response.Dispose();
            token = await TokenAsync(token, request.RequestUri!, cancellationToken);
            response = await SendWithAsync(request, token, cancellationToken);
        }

        return response;
    }

    private Task<HttpResponseMessage> SendWithAsync(HttpRequestMessage request, string? token, CancellationToken cancellationToken)
    {
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return base.SendAsync(request, cancellationToken);
    }

    private async Task<string?> TokenAsync(string? stale, Uri target, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_token is not null && _token != stale)
            {
                return _token;
            }

            using var ask = new HttpRequestMessage(HttpMethod.Post, new Uri(target, "/api/auth/token"))
            {
                Content = JsonContent.Create(new JsonObject { ["username"] = user, ["password"] = password }),
            };
            using var answer = await base.SendAsync(ask, cancellationToken);
            if (!answer.IsSuccessStatusCode)
            {
                return null;
            }

            _token = (await answer.Content.ReadFromJsonAsync<JsonObject>(cancellationToken))!["token"]!.GetValue<string>();
            return _token;
        }
        finally
        {
            _gate.Release();
        }
    }
}
