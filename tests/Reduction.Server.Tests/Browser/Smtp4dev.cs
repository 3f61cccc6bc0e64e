using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using MimeKit;

namespace Reduction.Server.Tests.Browser;

/// <summary>smtp4dev as the real SMTP server: the one the test script started (REDUCTION_TEST_SMTP_HOST,
/// REDUCTION_TEST_SMTP_PORT, REDUCTION_TEST_SMTP4DEV_URL) or, when unset, one of our own from the repository's tool
/// manifest on free loopback ports, killed on dispose.</summary>
internal sealed class Smtp4dev : IAsyncDisposable
{
    private readonly HttpClient _http;
    private readonly Process? _process;
    private readonly string? _data;

    private Smtp4dev(string host, int port, string apiUrl, Process? process, string? data)
    {
        Host = host;
        Port = port;
        _process = process;
        _data = data;
        _http = new HttpClient { BaseAddress = new Uri(apiUrl.TrimEnd('/') + "/"), Timeout = TimeSpan.FromSeconds(30) };
    }

    public string Host { get; }

    public int Port { get; }

    /// <summary>smtp4dev's web API (`api/messages`, `api/messages/{id}/raw`).</summary>
    public Uri ApiAddress => _http.BaseAddress!;

    public static async Task<Smtp4dev> StartAsync(string repositoryRoot)
    {
        if (Environment.GetEnvironmentVariable("REDUCTION_TEST_SMTP_HOST") is { Length: > 0 } host
            && int.TryParse(Environment.GetEnvironmentVariable("REDUCTION_TEST_SMTP_PORT"), CultureInfo.InvariantCulture, out var port)
            && Environment.GetEnvironmentVariable("REDUCTION_TEST_SMTP4DEV_URL") is { Length: > 0 } url)
        {
            return new Smtp4dev(host, port, url, null, null);
        }

        var data = Directory.CreateTempSubdirectory("reduction-smtp4dev-").FullName;
        var smtpPort = FreePort();
        var api = $"http://127.0.0.1:{FreePort().ToString(CultureInfo.InvariantCulture)}";
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = repositoryRoot, UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[]
        {
            "tool", "run", "smtp4dev", "--", $"--urls={api}", $"--smtpport={smtpPort}", $"--imapport={FreePort()}", $"--pop3port={FreePort()}",
            "--bindaddress=127.0.0.1", "--disableipv6", "--db=", "--nousersettings", $"--baseappdatapath={data}", "--messagestokeep=100000",
        })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start smtp4dev");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new Smtp4dev("127.0.0.1", smtpPort, api, process, data);
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline && !process.HasExited)
        {
            try
            {
                using var response = await server._http.GetAsync(new Uri("api/messages", UriKind.Relative));
                if (response.IsSuccessStatusCode)
                {
                    return server;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(250);
        }

        await server.DisposeAsync();
        throw new TimeoutException("smtp4dev did not start");
    }

    /// <summary>Waits for a message to <paramref name="address"/> whose subject contains <paramref name="subject"/>.</summary>
    public async Task<MimeMessage> WaitForAsync(string address, string subject, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var page = await _http.GetFromJsonAsync<Page>("api/messages?pageSize=1000") ?? new Page();
            foreach (var summary in page.Results.Where(m => m.To.Any(t => t.Contains(address, StringComparison.OrdinalIgnoreCase))))
            {
                await using var raw = await _http.GetStreamAsync(new Uri($"api/messages/{summary.Id}/raw", UriKind.Relative));
                using var buffer = new MemoryStream();
                await raw.CopyToAsync(buffer);
                buffer.Position = 0;
                var message = await MimeMessage.LoadAsync(buffer);
                if ((message.Subject ?? string.Empty).Contains(subject, StringComparison.Ordinal))
                {
                    return message;
                }
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"no message to {address} with subject containing “{subject}” within {timeout.TotalSeconds:0} s");
            }

            await Task.Delay(300);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        if (_process is not null)
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }

            _process.Dispose();
        }

        if (_data is not null)
        {
            try
            {
                Directory.Delete(_data, recursive: true);
            }
            catch (IOException)
            {
                // Temp space.
            }
        }
    }

    private static int FreePort() => Support.FreePort.Next();

    private sealed class Page
    {
        public List<Summary> Results { get; set; } = [];
    }

    private sealed class Summary
    {
        public string Id { get; set; } = "";

        public List<string> To { get; set; } = [];
    }
}
