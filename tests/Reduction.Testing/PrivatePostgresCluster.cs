using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Reduction.Testing;

/// <summary>A throwaway PostgreSQL cluster in a temp folder on a free loopback port, trust authentication, started at
/// most once per test process and stopped (and deleted) when the process exits. Mirrors scripts/test.sh.</summary>
internal static class PrivatePostgresCluster
{
    private static readonly Lock StartLock = new();
    private static Task<string>? _started;

    public static Task<string> StartOnceAsync()
    {
        lock (StartLock)
        {
            return _started ??= Task.Run(StartAsync);
        }
    }

    private static async Task<string> StartAsync()
    {
        var binaries = Environment.GetEnvironmentVariable("REDUCTION_TEST_PG_BIN") is { Length: > 0 } bin ? bin : "/usr/lib/postgresql/15/bin";
        if (!File.Exists(Path.Combine(binaries, "initdb")))
        {
            throw new InvalidOperationException(
                $"PostgreSQL binaries not found in {binaries}: install postgresql-15 or set {PostgresServer.ConnectionStringVariable}");
        }

        var directory = Directory.CreateTempSubdirectory("reduction-pg-").FullName;
        var data = Path.Combine(directory, "data");
        var sockets = Path.Combine(directory, "sock");
        Directory.CreateDirectory(sockets);
        if (Environment.IsPrivilegedProcess)
        {
            // PostgreSQL refuses to run as root: the cluster belongs to the postgres user.
            await RunAsync("chown", ["-R", "postgres:postgres", directory]);
        }

        StartReaper(binaries, directory);
        await RunAsPostgresAsync(Path.Combine(binaries, "initdb"), ["-D", data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C.UTF-8"]);
        await AppendConfigAsync(Path.Combine(data, "postgresql.conf"));

        // A free port can be taken between probing and binding: try a few.
        for (var attempt = 1; ; attempt++)
        {
            var port = FreePort();
            try
            {
                await RunAsPostgresAsync(Path.Combine(binaries, "pg_ctl"),
                    ["-D", data, "-l", Path.Combine(directory, "server.log"), "-w", "-t", "60",
                     "-o", $"-p {port.ToString(CultureInfo.InvariantCulture)} -k {sockets} -h 127.0.0.1", "start"]);
                return $"Host=127.0.0.1;Port={port.ToString(CultureInfo.InvariantCulture)};Username=postgres;Database=postgres";
            }
            catch (InvalidOperationException) when (attempt < 3)
            {
                // Most likely the port was taken meanwhile: try another.
            }
        }
    }

    private static async Task AppendConfigAsync(string path)
    {
        // Many small databases, Hangfire workers and pooled connections at once; durability is not wanted here.
        await File.AppendAllTextAsync(path, "\nmax_connections = 300\nshared_buffers = 128MB\nfsync = off\nsynchronous_commit = off\nfull_page_writes = off\n");
    }

    /// <summary>Stops the cluster and deletes its folder once this process has gone, however it goes: a detached
    /// shell outlives the test host, which may be killed before any exit handler of its own could finish.</summary>
    private static void StartReaper(string binaries, string directory)
    {
        const string Script = """
            exec </dev/null >/dev/null 2>&1
            while kill -0 "$1" 2>/dev/null; do sleep 0.5; done
            if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$2/pg_ctl" -D "$3/data" -m immediate stop
            else "$2/pg_ctl" -D "$3/data" -m immediate stop; fi
            rm -rf "$3"
            """;
        var start = new ProcessStartInfo("setsid") { UseShellExecute = false };
        foreach (var argument in new[] { "sh", "-c", Script, "reaper", Environment.ProcessId.ToString(CultureInfo.InvariantCulture), binaries, directory })
        {
            start.ArgumentList.Add(argument);
        }

        using var reaper = Process.Start(start) ?? throw new InvalidOperationException("could not start the cluster reaper");
    }

    private static Task RunAsPostgresAsync(string program, IReadOnlyList<string> arguments) =>
        Environment.IsPrivilegedProcess
            ? RunAsync("runuser", ["-u", "postgres", "--", program, .. arguments])
            : RunAsync(program, arguments);

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
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{program} {string.Join(' ', arguments)} exited with {process.ExitCode.ToString(CultureInfo.InvariantCulture)}:\n{await output}\n{await error}");
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
