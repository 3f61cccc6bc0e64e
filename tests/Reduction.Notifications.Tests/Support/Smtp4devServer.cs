using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json.Serialization;
using MimeKit;

namespace Reduction.Notifications.Tests.Support;

/// <summary>smtp4dev as the real SMTP server: the one scripts/test.sh started (REDUCTION_TEST_SMTP_HOST,
/// REDUCTION_TEST_SMTP_PORT, REDUCTION_TEST_SMTP4DEV_URL) or, when unset or when a test must stop and start it, a
/// private instance on free loopback ports, killed with the test process.</summary>
public sealed class Smtp4devServer : IAsyncDisposable
{
    private static readonly Lazy<Task<Smtp4devServer>> SharedServer = new(StartSharedAsync);

    private readonly HttpClient _http;
    private readonly string? _dataDirectory;
    private readonly int _imapPort;
    private readonly int _pop3Port;
    private Process? _process;
    private Process? _reaper;

    private Smtp4devServer(string host, int port, string apiUrl, string? dataDirectory, int imapPort = 0, int pop3Port = 0)
    {
        Host = host;
        Port = port;
        ApiUrl = apiUrl.TrimEnd('/');
        _dataDirectory = dataDirectory;
        _imapPort = imapPort;
        _pop3Port = pop3Port;
        _http = new HttpClient { BaseAddress = new Uri(ApiUrl + "/"), Timeout = TimeSpan.FromSeconds(30) };
    }

    public string Host { get; }

    public int Port { get; }

    public string ApiUrl { get; }

    /// <summary>The server for the whole test run (never stopped by tests).</summary>
    public static Task<Smtp4devServer> SharedAsync() => SharedServer.Value;

    /// <summary>A server of the caller's own, which it may stop and start again.</summary>
    public static async Task<Smtp4devServer> StartPrivateAsync()
    {
        var server = new Smtp4devServer("127.0.0.1", FreePort(), $"http://127.0.0.1:{FreePort().ToString(CultureInfo.InvariantCulture)}",
            Directory.CreateTempSubdirectory("reduction-smtp4dev-").FullName, FreePort(), FreePort());
        await server.StartAsync();
        return server;
    }

    /// <summary>Starts the private server (again, on the same ports).</summary>
    public async Task StartAsync()
    {
        if (_dataDirectory is null)
        {
            throw new InvalidOperationException("the shared smtp4dev is not ours to start");
        }

        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = RepositoryPaths.Root,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[]
        {
            "tool", "run", "smtp4dev", "--", $"--urls={ApiUrl}", $"--smtpport={Port}", $"--imapport={_imapPort}", $"--pop3port={_pop3Port}",
            "--bindaddress=127.0.0.1", "--disableipv6", "--db=", "--nousersettings", $"--baseappdatapath={_dataDirectory}", "--messagestokeep=1000",
        })
        {
            start.ArgumentList.Add(argument);
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException("could not start smtp4dev");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        _reaper = StartReaper(_process.Id);
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"smtp4dev exited with {_process.ExitCode}");
            }

            try
            {
                using var response = await _http.GetAsync("api/messages");
                if (response.IsSuccessStatusCode && await CanConnectAsync())
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }

            await Task.Delay(250);
        }

        throw new TimeoutException("smtp4dev did not start within 90 s");
    }

    /// <summary>Kills the private server; its SMTP port refuses connections until <see cref="StartAsync"/>.</summary>
    public async Task StopAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        _process?.Dispose();
        _process = null;
        if (_reaper is { HasExited: false } reaper)
        {
            reaper.Kill();
        }

        _reaper?.Dispose();
        _reaper = null;
        for (var i = 0; i < 40 && await CanConnectAsync(); i++)
        {
            await Task.Delay(250);
        }
    }

    /// <summary>Summaries of received messages, newest first, with at least one recipient in <paramref name="domain"/>.</summary>
    public async Task<IReadOnlyList<MessageSummary>> MessagesToAsync(string domain)
    {
        var page = await _http.GetFromJsonAsync<Page<MessageSummary>>("api/messages?pageSize=1000") ?? new Page<MessageSummary>();
        return page.Results.Where(m => m.To.Any(t => t.EndsWith("@" + domain, StringComparison.OrdinalIgnoreCase) || t.EndsWith("." + domain, StringComparison.OrdinalIgnoreCase))).ToList();
    }

    /// <summary>The raw source of a message, as received.</summary>
    public async Task<string> RawAsync(string id) => await _http.GetStringAsync($"api/messages/{id}/raw");

    public async Task<MimeMessage> MessageAsync(string id)
    {
        await using var stream = await _http.GetStreamAsync($"api/messages/{id}/raw");
        var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer);
        buffer.Position = 0;
        return await MimeMessage.LoadAsync(buffer);
    }

    public async Task<IReadOnlyList<SessionSummary>> SessionsAsync()
    {
        var page = await _http.GetFromJsonAsync<Page<SessionSummary>>("api/sessions?pageSize=1000") ?? new Page<SessionSummary>();
        return page.Results;
    }

    /// <summary>Polls until at least <paramref name="count"/> messages to the domain arrived (smtp4dev stores them asynchronously).</summary>
    public async Task<IReadOnlyList<MessageSummary>> WaitForAsync(string domain, int count, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (true)
        {
            var messages = await MessagesToAsync(domain);
            if (messages.Count >= count || DateTime.UtcNow > deadline)
            {
                return messages;
            }

            await Task.Delay(200);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _http.Dispose();
        if (_dataDirectory is not null)
        {
            try
            {
                Directory.Delete(_dataDirectory, recursive: true);
            }
            catch (IOException)
            {
                // the OS cleans temp later
            }
        }
    }

    private static async Task<Smtp4devServer> StartSharedAsync()
    {
        if (Environment.GetEnvironmentVariable("REDUCTION_TEST_SMTP_HOST") is { Length: > 0 } host
            && int.TryParse(Environment.GetEnvironmentVariable("REDUCTION_TEST_SMTP_PORT"), CultureInfo.InvariantCulture, out var port)
            && Environment.GetEnvironmentVariable("REDUCTION_TEST_SMTP4DEV_URL") is { Length: > 0 } url)
        {
            return new Smtp4devServer(host, port, url, null);
        }

        return await StartPrivateAsync();
    }

    private async Task<bool> CanConnectAsync()
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(Host, Port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>Kills smtp4dev once the test process is gone, however it goes.</summary>
    private static Process? StartReaper(int childId)
    {
        const string Script = """
            exec </dev/null >/dev/null 2>&1
            while kill -0 "$1" 2>/dev/null; do sleep 0.5; done
            pkill -KILL -P "$2"; kill -KILL "$2"
            """;
        var start = new ProcessStartInfo("setsid") { UseShellExecute = false };
        foreach (var argument in new[] { "sh", "-c", Script, "reaper", Environment.ProcessId.ToString(CultureInfo.InvariantCulture), childId.ToString(CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(argument);
        }

        return Process.Start(start);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public sealed class MessageSummary
    {
        public string Id { get; set; } = "";

        public List<string> To { get; set; } = [];

        public string Subject { get; set; } = "";

        [JsonPropertyName("receivedDate")]
        public DateTimeOffset ReceivedDate { get; set; }
    }

    public sealed class SessionSummary
    {
        public string Id { get; set; } = "";

        public int NumberOfMessages { get; set; }
    }

    private sealed class Page<T>
    {
        public List<T> Results { get; set; } = [];
    }
}
