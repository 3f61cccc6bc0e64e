using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Npgsql;
using Reduction.Benchmarks.Support;

namespace Reduction.Benchmarks.Cluster;

/// <summary>A private PostgreSQL cluster for one benchmark run: initdb in a temp folder, trust authentication on a
/// free loopback port, stock settings except the two the test script also sets. Stopped and deleted on dispose; a
/// detached reaper does the same if this process dies first.</summary>
internal sealed class PostgresCluster : IAsyncDisposable
{
    /// <summary>The only settings changed from initdb's defaults (same as scripts/test.sh): room for several pools at once.</summary>
    public static readonly IReadOnlyList<string> ConfigLines = ["max_connections = 200", "shared_buffers = 256MB"];

    private static readonly int[] ReservedPorts = [55432, 52525, 55080];

    private readonly string _directory;
    private bool _stopped;

    private PostgresCluster(string binaries, string directory, int port)
    {
        Binaries = binaries;
        _directory = directory;
        Port = port;
    }

    public string Binaries { get; }

    public int Port { get; }

    public string DataDirectory => Path.Combine(_directory, "data");

    public string AdminConnectionString => ConnectionString("postgres");

    /// <summary>The postmaster's process id, from its pid file.</summary>
    public int PostmasterId => int.Parse(File.ReadLines(Path.Combine(DataDirectory, "postmaster.pid")).First(), CultureInfo.InvariantCulture);

    /// <summary>Extra settings of <c>--profile</c>: per-statement counters, read by <see cref="TopStatementsAsync"/>.</summary>
    public static readonly IReadOnlyList<string> ProfileLines = ["shared_preload_libraries = 'pg_stat_statements'", "pg_stat_statements.track = all"];

    public bool Profiling { get; private init; }

    public static async Task<PostgresCluster> StartAsync(bool profile, CancellationToken cancellationToken)
    {
        var binaries = Environment.GetEnvironmentVariable("REDUCTION_BENCH_PG_BIN") is { Length: > 0 } bin ? bin : "/usr/lib/postgresql/15/bin";
        if (!File.Exists(Path.Combine(binaries, "initdb")) || !File.Exists(Path.Combine(binaries, "pgbench")))
        {
            throw new InvalidOperationException($"initdb/pgbench not found in {binaries}: install postgresql-15 and postgresql-contrib (or set REDUCTION_BENCH_PG_BIN)");
        }

        var directory = Directory.CreateTempSubdirectory("reduction-bench-pg-").FullName;
        Directory.CreateDirectory(Path.Combine(directory, "sock"));
        if (Environment.IsPrivilegedProcess)
        {
            // PostgreSQL refuses to run as root: the cluster belongs to the postgres user.
            await ChildProcess.RunAsync("chown", ["-R", "postgres:postgres", directory], TimeSpan.FromSeconds(30), cancellationToken);
        }

        StartReaper(binaries, directory);
        var data = Path.Combine(directory, "data");
        await RunAsPostgresAsync(Path.Combine(binaries, "initdb"), ["-D", data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C.UTF-8"], cancellationToken);
        await File.AppendAllTextAsync(Path.Combine(data, "postgresql.conf"), "\n" + string.Join('\n', profile ? [.. ConfigLines, .. ProfileLines] : ConfigLines) + "\n", cancellationToken);

        // A free port can be taken between probing and binding: try a few.
        for (var attempt = 1; ; attempt++)
        {
            var port = FreePort();
            try
            {
                await RunAsPostgresAsync(Path.Combine(binaries, "pg_ctl"),
                    ["-D", data, "-l", Path.Combine(directory, "server.log"), "-w", "-t", "60",
                     "-o", $"-p {port.ToString(CultureInfo.InvariantCulture)} -k {Path.Combine(directory, "sock")} -h 127.0.0.1", "start"],
                    cancellationToken);
                var cluster = new PostgresCluster(binaries, directory, port) { Profiling = profile };
                if (profile)
                {
                    await ExecuteAsync(cluster.AdminConnectionString, "CREATE EXTENSION IF NOT EXISTS pg_stat_statements", cancellationToken);
                }

                return cluster;
            }
            catch (InvalidOperationException) when (attempt < 3)
            {
                // Most likely the port was taken meanwhile: try another.
            }
        }
    }

    public string ConnectionString(string database) =>
        string.Create(CultureInfo.InvariantCulture, $"Host=127.0.0.1;Port={Port};Username=postgres;Database={database};Maximum Pool Size=100");

    /// <summary>Creates an empty database; returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string name, CancellationToken cancellationToken)
    {
        await ExecuteAsync(AdminConnectionString, $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", cancellationToken);
        await ExecuteAsync(AdminConnectionString, $"CREATE DATABASE \"{name}\"", cancellationToken);
        return ConnectionString(name);
    }

    public async Task DropDatabaseAsync(string name, CancellationToken cancellationToken)
    {
        NpgsqlConnection.ClearAllPools();
        await ExecuteAsync(AdminConnectionString, $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", cancellationToken);
    }

    /// <summary>Version and the settings that matter for these figures, as `name = value` lines.</summary>
    public async Task<IReadOnlyList<string>> DescribeAsync(CancellationToken cancellationToken)
    {
        var lines = new List<string>();
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using (var version = new NpgsqlCommand("SELECT version()", connection))
        {
            lines.Add((string)(await version.ExecuteScalarAsync(cancellationToken))!);
        }

        const string Sql = """
            SELECT name, setting, coalesce(unit, '') FROM pg_settings
            WHERE name IN ('max_connections', 'shared_buffers', 'fsync', 'synchronous_commit', 'full_page_writes', 'wal_level',
                           'work_mem', 'max_wal_size', 'checkpoint_timeout', 'effective_cache_size', 'autovacuum')
            ORDER BY name
            """;
        await using var command = new NpgsqlCommand(Sql, connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var unit = reader.GetString(2);
            lines.Add($"{reader.GetString(0)} = {reader.GetString(1)}{(unit.Length > 0 ? " × " + unit : string.Empty)}");
        }

        return lines;
    }

    /// <summary>With <c>--profile</c>: the statements that took most server time since the last call, then resets the counters.</summary>
    public async Task<IReadOnlyList<string>> TopStatementsAsync(int count, CancellationToken cancellationToken)
    {
        if (!Profiling)
        {
            return [];
        }

        const string Sql = """
            SELECT calls, round(total_exec_time::numeric, 1), round(mean_exec_time::numeric, 3), rows,
                   regexp_replace(left(query, 160), '\s+', ' ', 'g')
            FROM pg_stat_statements ORDER BY total_exec_time DESC LIMIT @count
            """;
        var lines = new List<string>();
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using (var command = new NpgsqlCommand(Sql, connection))
        {
            command.Parameters.AddWithValue("count", count);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                lines.Add(string.Create(CultureInfo.InvariantCulture, $"{reader.GetInt64(0),8} calls {reader.GetDecimal(1),10} ms {reader.GetDecimal(2),8} ms/call {reader.GetInt64(3),8} rows  {reader.GetString(4)}"));
            }
        }

        await using (var reset = new NpgsqlCommand("SELECT pg_stat_statements_reset()", connection))
        {
            await reset.ExecuteNonQueryAsync(cancellationToken);
        }

        return lines;
    }

    public async ValueTask DisposeAsync()
    {
        if (_stopped)
        {
            return;
        }

        _stopped = true;
        NpgsqlConnection.ClearAllPools();
        try
        {
            await RunAsPostgresAsync(Path.Combine(Binaries, "pg_ctl"), ["-D", DataDirectory, "-m", "fast", "-w", "-t", "60", "stop"], CancellationToken.None);
        }
        catch (InvalidOperationException e)
        {
            Console.Error.WriteLine($"pg_ctl stop failed: {e.Message}");
        }

        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // The reaper removes it once this process has gone.
        }
    }

    private static async Task ExecuteAsync(string connectionString, string sql, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Stops the cluster and deletes its folder once this process has gone, however it goes.</summary>
    private static void StartReaper(string binaries, string directory)
    {
        const string Script = """
            exec </dev/null >/dev/null 2>&1
            while kill -0 "$1" 2>/dev/null; do sleep 1; done
            if [ -f "$3/data/postmaster.pid" ]; then
              if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$2/pg_ctl" -D "$3/data" -m immediate stop
              else "$2/pg_ctl" -D "$3/data" -m immediate stop; fi
            fi
            rm -rf "$3"
            """;
        ChildProcess.StartDetached("setsid", ["sh", "-c", Script, "reaper", Environment.ProcessId.ToString(CultureInfo.InvariantCulture), binaries, directory]);
    }

    private static Task RunAsPostgresAsync(string program, IReadOnlyList<string> arguments, CancellationToken cancellationToken) =>
        Environment.IsPrivilegedProcess
            ? ChildProcess.RunAsync("runuser", ["-u", "postgres", "--", program, .. arguments], TimeSpan.FromMinutes(2), cancellationToken)
            : ChildProcess.RunAsync(program, arguments, TimeSpan.FromMinutes(2), cancellationToken);

    private static int FreePort()
    {
        for (var attempt = 0; attempt < 20; attempt++)
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            if (!ReservedPorts.Contains(port))
            {
                return port;
            }
        }

        throw new InvalidOperationException("no free loopback port");
    }
}
