using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Reduction.Server.Tests.Support;

/// <summary>The server as a child process (`dotnet Reduction.Server.dll --urls http://127.0.0.1:PORT`), configured by
/// environment variables, on the same port across restarts. Killed on dispose, whatever happened.</summary>
internal sealed class ServerProcess : IAsyncDisposable
{
    private const int TailLines = 400;
    private readonly Dictionary<string, string> _environment;
    private readonly Queue<string> _tail = new();
    private readonly Lock _lock = new();
    private readonly string _workDirectory;
    private Process? _process;

    public ServerProcess(string name, IReadOnlyDictionary<string, string> environment)
    {
        Name = name;
        _environment = new Dictionary<string, string>(environment);
        Port = FreePort.Next();
        BaseAddress = new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{Port}"));
        _workDirectory = Directory.CreateTempSubdirectory($"reduction-{name}-").FullName;
    }

    public string Name { get; }

    public int Port { get; }

    public Uri BaseAddress { get; }

    public int Starts { get; private set; }

    public int Kills { get; private set; }

    /// <summary>The built server next to the tests (a project reference copies it here).</summary>
    public static string AssemblyPath => Path.Combine(AppContext.BaseDirectory, "Reduction.Server.dll");

    public bool IsRunning
    {
        get
        {
            try
            {
                return _process is { HasExited: false };
            }
            catch (InvalidOperationException)
            {
                return false;
            }
        }
    }

    public int? ProcessId => IsRunning ? _process!.Id : null;

    /// <summary>The last lines the process wrote, for failure messages.</summary>
    public string Tail
    {
        get
        {
            lock (_lock)
            {
                return string.Join('\n', _tail);
            }
        }
    }

    /// <summary>Starts the process and waits until `/health` answers 200; returns the health report.</summary>
    public async Task<JsonObject> StartAsync(TimeSpan? timeout = null)
    {
        if (IsRunning)
        {
            throw new InvalidOperationException($"{Name} is already running");
        }

        _process?.Dispose();
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = _workDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(AssemblyPath);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(BaseAddress.ToString().TrimEnd('/'));
        foreach (var (key, value) in _environment)
        {
            start.Environment[key] = value;
        }

        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Record(e.Data);
        process.ErrorDataReceived += (_, e) => Record(e.Data);
        Record($"---- start #{Starts + 1} ----");
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
        Starts++;
        return await WaitHealthyAsync(timeout ?? TimeSpan.FromSeconds(90));
    }

    /// <summary>Polls `/health` until 200 (fails early when the process has exited).</summary>
    public async Task<JsonObject> WaitHealthyAsync(TimeSpan timeout)
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
        var deadline = DateTimeOffset.UtcNow + timeout;
        while (true)
        {
            if (!IsRunning)
            {
                throw new InvalidOperationException($"server {Name} is not running (exit {ExitCode()}):\n{Tail}");
            }

            try
            {
                using var response = await http.GetAsync(new Uri("/health", UriKind.Relative));
                if (response.IsSuccessStatusCode)
                {
                    return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }

            if (DateTimeOffset.UtcNow > deadline)
            {
                throw new TimeoutException($"server {Name} not healthy within {timeout.TotalSeconds:0} s:\n{Tail}");
            }

            await Task.Delay(200);
        }
    }

    /// <summary>SIGKILL, no goodbye: what a power cut or the OOM killer does.</summary>
    public void Kill()
    {
        if (_process is null || !IsRunning)
        {
            return;
        }

        _process.Kill(entireProcessTree: true);
        if (!_process.WaitForExit(TimeSpan.FromSeconds(15)))
        {
            throw new InvalidOperationException($"server {Name} did not die");
        }

        Kills++;
        Record("---- killed ----");
    }

    /// <summary>SIGTERM, then waits for the process to end by itself; returns its exit code.</summary>
    public async Task<int> StopGracefullyAsync(TimeSpan timeout)
    {
        if (_process is null || !IsRunning)
        {
            throw new InvalidOperationException($"server {Name} is not running");
        }

        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        using var wait = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(wait.Token);
        Record("---- stopped ----");
        return _process.ExitCode;
    }

    public ValueTask DisposeAsync()
    {
        try
        {
            Kill();
        }
        finally
        {
            _process?.Dispose();
            try
            {
                Directory.Delete(_workDirectory, recursive: true);
            }
            catch (IOException)
            {
                // Temp space.
            }
        }

        return ValueTask.CompletedTask;
    }

    private string ExitCode()
    {
        try
        {
            return _process?.ExitCode.ToString(CultureInfo.InvariantCulture) ?? "never started";
        }
        catch (InvalidOperationException)
        {
            return "unknown";
        }
    }

    private void Record(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_lock)
        {
            _tail.Enqueue(line);
            while (_tail.Count > TailLines)
            {
                _tail.Dequeue();
            }
        }
    }
}
