using System.Diagnostics;
using System.Globalization;

namespace Reduction.Server.Tests.Support;

/// <summary>A PostgreSQL cluster of this test's own (temp folder, own loopback port, trust authentication) that the
/// test may stop and start again: outages are rehearsed here, never on the shared test server. Deleted on dispose;
/// a detached reaper stops it even if the test process is killed.</summary>
internal sealed class PostgresCluster : IAsyncDisposable
{
    private readonly string _binaries;
    private readonly string _directory;
    private readonly string _data;
    private readonly string _sockets;

    private PostgresCluster(string binaries, string directory, int port)
    {
        _binaries = binaries;
        _directory = directory;
        _data = Path.Combine(directory, "data");
        _sockets = Path.Combine(directory, "sock");
        Port = port;
    }

    public int Port { get; }

    public bool IsRunning { get; private set; }

    public string ConnectionString(string database = "postgres") =>
        string.Create(CultureInfo.InvariantCulture, $"Host=127.0.0.1;Port={Port};Username=postgres;Database={database}");

    public static async Task<PostgresCluster> CreateAsync()
    {
        var binaries = Environment.GetEnvironmentVariable("REDUCTION_TEST_PG_BIN") is { Length: > 0 } bin ? bin : "/usr/lib/postgresql/15/bin";
        if (!File.Exists(Path.Combine(binaries, "initdb")))
        {
            throw new InvalidOperationException($"PostgreSQL binaries not found in {binaries}: install postgresql-15");
        }

        var directory = Directory.CreateTempSubdirectory("reduction-outage-pg-").FullName;
        var cluster = new PostgresCluster(binaries, directory, FreePort.Next());
        Directory.CreateDirectory(cluster._sockets);
        if (Environment.IsPrivilegedProcess)
        {
            // PostgreSQL refuses to run as root: the cluster belongs to the postgres user.
            await RunAsync("chown", ["-R", "postgres:postgres", directory]);
        }

        cluster.StartReaper();
        await cluster.RunAsPostgresAsync("initdb", ["-D", cluster._data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C.UTF-8"]);
        await File.AppendAllTextAsync(Path.Combine(cluster._data, "postgresql.conf"),
            "\nmax_connections = 200\nshared_buffers = 64MB\nfsync = off\nsynchronous_commit = off\nfull_page_writes = off\n");
        await cluster.StartAsync();
        return cluster;
    }

    public async Task StartAsync()
    {
        await RunAsPostgresAsync("pg_ctl",
            ["-D", _data, "-l", Path.Combine(_directory, "server.log"), "-w", "-t", "60",
             "-o", string.Create(CultureInfo.InvariantCulture, $"-p {Port} -k {_sockets} -h 127.0.0.1"), "start"]);
        IsRunning = true;
    }

    /// <summary>Stops the server the hard way (immediate: connections cut, crash recovery on the next start).</summary>
    public async Task StopAsync()
    {
        await RunAsPostgresAsync("pg_ctl", ["-D", _data, "-m", "immediate", "-w", "stop"]);
        IsRunning = false;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (IsRunning)
            {
                await StopAsync();
            }
        }
        finally
        {
            try
            {
                Directory.Delete(_directory, recursive: true);
            }
            catch (IOException)
            {
                // The reaper removes it once this process is gone.
            }
        }
    }

    /// <summary>Stops the cluster and deletes its folder once this test process has gone, however it goes.</summary>
    private void StartReaper()
    {
        const string Script = """
            exec </dev/null >/dev/null 2>&1
            while kill -0 "$1" 2>/dev/null; do sleep 0.5; done
            if [ -f "$3/data/postmaster.pid" ]; then
              if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$2/pg_ctl" -D "$3/data" -m immediate stop
              else "$2/pg_ctl" -D "$3/data" -m immediate stop; fi
            fi
            rm -rf "$3"
            """;
        var start = new ProcessStartInfo("setsid") { UseShellExecute = false };
        foreach (var argument in new[] { "sh", "-c", Script, "reaper", Environment.ProcessId.ToString(CultureInfo.InvariantCulture), _binaries, _directory })
        {
            start.ArgumentList.Add(argument);
        }

        using var reaper = Process.Start(start) ?? throw new InvalidOperationException("could not start the cluster reaper");
    }

    private Task RunAsPostgresAsync(string tool, IReadOnlyList<string> arguments)
    {
        var program = Path.Combine(_binaries, tool);
        return Environment.IsPrivilegedProcess
            ? RunAsync("runuser", ["-u", "postgres", "--", program, .. arguments])
            : RunAsync(program, arguments);
    }

    private static async Task RunAsync(string program, IReadOnlyList<string> arguments)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {program}");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} exited with {process.ExitCode}:\n{await output}\n{await error}");
        }
    }
}
