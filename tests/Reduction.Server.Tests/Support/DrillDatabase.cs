using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Reduction.Workflows.Persistence;

namespace Reduction.Server.Tests.Support;

/// <summary>Reads what the servers wrote, straight from PostgreSQL: the runtime's tables and Hangfire's.</summary>
internal sealed class DrillDatabase(string connectionString)
{
    public string ConnectionString { get; } = connectionString;

    public WorkflowDatabase Workflows { get; } = new(new WorkflowStorageOptions { PostgresConnectionString = connectionString });

    public WorkflowDbContext Context() => Workflows.CreateContext();

    public async Task<List<InstanceRecord>> InstancesAsync(params string[] definitionIds)
    {
        await using var db = Context();
        return await db.Instances.AsNoTracking().Where(i => definitionIds.Contains(i.DefinitionId)).ToListAsync();
    }

    /// <summary>Unanswered tasks of instances of <paramref name="definitionId"/>.</summary>
    public async Task<List<TaskRecord>> OpenTasksAsync(string definitionId)
    {
        await using var db = Context();
        var instances = db.Instances.Where(i => i.DefinitionId == definitionId).Select(i => i.Id);
        return await db.Tasks.AsNoTracking()
            .Where(t => t.ClosedAt == null && (t.Status == TaskState.Open || t.Status == TaskState.Overdue) && instances.Contains(t.InstanceId))
            .ToListAsync();
    }

    /// <summary>Fired timers with the pump claim that fired them (<c>JobId</c> = "pump:host:pid" of the server process).</summary>
    public async Task<List<(string Claimant, DateTimeOffset FiredAt)>> FiredTimerClaimsAsync()
    {
        await using var db = Context();
        var rows = await db.Timers.AsNoTracking()
            .Where(t => t.Status == TimerStatus.Fired)
            .Select(t => new { t.JobId, t.FiredAt })
            .ToListAsync();
        return rows.Select(r => (r.JobId ?? "?", r.FiredAt!.Value)).ToList();
    }

    /// <summary>Ids of the Hangfire servers that started processing each job (Hangfire keeps them in its state history).</summary>
    public async Task<List<(long JobId, string ServerId, string Method)>> ProcessingHistoryAsync()
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT s.jobid, s.data::text, j.invocationdata::text FROM hangfire.state s JOIN hangfire.job j ON j.id = s.jobid WHERE s.name = 'Processing'",
            connection);
        var rows = new List<(long, string, string)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var data = JsonNode.Parse(reader.GetString(1))!;
            var invocation = JsonNode.Parse(reader.GetString(2))!;
            rows.Add((reader.GetInt64(0), data["ServerId"]?.GetValue<string>() ?? "?", invocation["Type"]?.GetValue<string>()?.Split(',')[0] ?? "?"));
        }

        return rows;
    }

    /// <summary>Whether a unique index covers exactly <paramref name="column"/> of a runtime table.</summary>
    public async Task<bool> HasUniqueIndexAsync(string table, string column)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT indexdef FROM pg_indexes WHERE schemaname = @schema AND tablename = @table", connection);
        command.Parameters.AddWithValue("schema", PostgresWorkflowDbContext.Schema);
        command.Parameters.AddWithValue("table", table);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var definition = reader.GetString(0);
            if (definition.StartsWith("CREATE UNIQUE INDEX", StringComparison.Ordinal) && definition.EndsWith($"(\"{column}\")", StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>For failure messages: instances by status, the oldest pending timers, and Hangfire's lock rows (a lock
    /// left by a killed process blocks its resource until the lock times out).</summary>
    public async Task<string> DescribeAsync()
    {
        var text = new System.Text.StringBuilder();
        try
        {
            await using var db = Context();
            var byStatus = await db.Instances.GroupBy(i => i.Status).Select(g => new { g.Key, Count = g.Count() }).ToListAsync();
            text.AppendLine("instances: " + string.Join(", ", byStatus.Select(s => $"{s.Key} {s.Count}")));
            var pending = await db.Timers.Where(t => t.Status == TimerStatus.Pending).OrderBy(t => t.DueAt).Take(10).ToListAsync();
            text.AppendLine("oldest pending timers: " + string.Join("; ", pending.Select(t => $"{t.Purpose} due {t.DueAt:O} job {t.JobId} armed {t.ArmedAt:O}")));
            await using var connection = new NpgsqlConnection(ConnectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("SELECT resource, acquired FROM hangfire.lock", connection);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                text.AppendLine($"hangfire lock {reader.GetString(0)} since {reader.GetValue(1)}");
            }
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException)
        {
            text.AppendLine($"could not describe the database: {e.Message}");
        }

        return text.ToString();
    }
}
