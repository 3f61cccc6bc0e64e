using Npgsql;
using Xunit;

namespace Reduction.Testing;

/// <summary>A real PostgreSQL for tests: the server named by <c>REDUCTION_TEST_POSTGRES</c> (scripts/test.sh starts a
/// throwaway cluster and sets it) or, when unset, a private cluster this process starts once and stops on exit.
/// Use as an xunit class or collection fixture; every test takes its own database from <see cref="CreateDatabaseAsync"/>,
/// so tests never see each other's rows.</summary>
public sealed class PostgresServer : IAsyncLifetime
{
    public const string ConnectionStringVariable = "REDUCTION_TEST_POSTGRES";

    private readonly List<string> _databases = [];
    private readonly Lock _lock = new();
    private string? _adminConnectionString;

    /// <summary>Connection string to the server's `postgres` database (superuser).</summary>
    public string AdminConnectionString => _adminConnectionString ?? throw new InvalidOperationException("PostgresServer is not initialised");

    public async Task InitializeAsync()
    {
        _adminConnectionString = Environment.GetEnvironmentVariable(ConnectionStringVariable) is { Length: > 0 } configured
            ? configured
            : await PrivatePostgresCluster.StartOnceAsync();
    }

    /// <summary>Creates an empty database with a unique name; returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(CancellationToken cancellationToken = default)
    {
        var name = $"test_{Guid.NewGuid():N}";
        await using (var connection = new NpgsqlConnection(AdminConnectionString))
        {
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        lock (_lock)
        {
            _databases.Add(name);
        }

        return new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = name }.ConnectionString;
    }

    /// <summary>Drops the databases this fixture created, so a long-lived server configured by the variable is not
    /// littered; best effort, since a throwaway cluster goes away anyway.</summary>
    public async Task DisposeAsync()
    {
        if (_adminConnectionString is null)
        {
            return;
        }

        string[] databases;
        lock (_lock)
        {
            databases = [.. _databases];
            _databases.Clear();
        }

        NpgsqlConnection.ClearAllPools();
        try
        {
            await using var connection = new NpgsqlConnection(_adminConnectionString);
            await connection.OpenAsync();
            foreach (var name in databases)
            {
                await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
                await command.ExecuteNonQueryAsync();
            }
        }
        catch (NpgsqlException)
        {
            // The server is already gone (private cluster stopped first): nothing left to drop.
        }
    }
}
