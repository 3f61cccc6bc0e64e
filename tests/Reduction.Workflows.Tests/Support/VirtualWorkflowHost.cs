using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Reduction.Domain.Calendar;
using Reduction.Domain.Parties;
using Reduction.Workflows.Definitions;
using Reduction.Workflows.Execution;
using Reduction.Workflows.Persistence;
using Reduction.Workflows.Scheduling;
using Reduction.Workflows.Tasks;

namespace Reduction.Workflows.Tests.Support;

/// <summary>The real runtime on a real database (SQLite file, or PostgreSQL when given), driven by a virtual clock.</summary>
internal sealed class VirtualWorkflowHost : IAsyncDisposable
{
    private readonly string? _file;

    private VirtualWorkflowHost(WorkflowDatabase database, FakeTimeProvider clock, OfficialCalendar calendar, string? file, WorkflowRuntimeOptions options)
    {
        _file = file;
        Clock = clock;
        Calendar = calendar;
        Scheduler = new VirtualClockScheduler(clock.GetUtcNow, clock.SetUtcNow);
        Runtime = new WorkflowRuntime(database, Scheduler, clock, calendar, PartyDirectory.LoadDefault(), options);
        Scheduler.Runtime = Runtime;
        Tasks = new TaskService(Runtime);
    }

    public FakeTimeProvider Clock { get; }

    public OfficialCalendar Calendar { get; }

    public VirtualClockScheduler Scheduler { get; }

    public WorkflowRuntime Runtime { get; }

    public TaskService Tasks { get; }

    public WorkflowDatabase Database => Runtime.Database;

    /// <summary>A host on a fresh SQLite file with the clock at <paramref name="beijingStart"/> (e.g. "2015-02-16T09:00").</summary>
    public static async Task<VirtualWorkflowHost> CreateAsync(string beijingStart, string? postgresConnectionString = null, WorkflowRuntimeOptions? options = null)
    {
        var file = postgresConnectionString is null ? Path.Combine(Path.GetTempPath(), $"reduction-test-{Guid.NewGuid():N}.db") : null;
        var database = new WorkflowDatabase(new WorkflowStorageOptions
        {
            PostgresConnectionString = postgresConnectionString,
            SqliteConnectionString = $"Data Source={file}",
        });
        await database.MigrateAsync();

        var clock = new FakeTimeProvider(Beijing(beijingStart));
        return new VirtualWorkflowHost(database, clock, OfficialCalendar.LoadDefault(), file, options ?? new WorkflowRuntimeOptions());
    }

    /// <summary>A host on the named provider: "sqlite" (temp file) or "postgres" (a fresh database on <paramref name="postgres"/>).</summary>
    public static async Task<VirtualWorkflowHost> CreateAsync(string provider, Reduction.Testing.PostgresServer postgres, string beijingStart, WorkflowRuntimeOptions? options = null) =>
        provider switch
        {
            "sqlite" => await CreateAsync(beijingStart, null, options),
            "postgres" => await CreateAsync(beijingStart, await postgres.CreateDatabaseAsync(), options),
            _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, "sqlite or postgres"),
        };

    public static DateTimeOffset Beijing(string local) =>
        new(DateTime.Parse(local, CultureInfo.InvariantCulture), TimeSpan.FromHours(8));

    public async Task<int> PublishJsonAsync(string json) => await Runtime.Definitions.PublishAsync(DefinitionJson.Parse(json, "test"));

    public Task<int> RunUntilAsync(string beijingLocal) => Scheduler.RunUntilAsync(Beijing(beijingLocal));

    public async Task<List<NoticeRecord>> NoticesAsync()
    {
        await using var db = Database.CreateContext();
        // Notices of one burst share its instant and their version-7 ids are random within a millisecond, so ties
        // are ordered by template to keep expected sequences stable.
        return (await db.Notices.AsNoTracking().ToListAsync())
            .OrderBy(n => n.CreatedAt).ThenBy(n => n.TemplateKey, StringComparer.Ordinal).ThenBy(n => n.Id).ToList();
    }

    public async Task<List<JournalRecord>> JournalAsync(Guid instanceId) => [.. await Runtime.StoredJournalAsync(instanceId)];

    public async Task<List<TaskRecord>> TasksAsync(Guid instanceId) => [.. await Tasks.ListAsync(instanceId)];

    public async Task<List<TimerRecord>> TimersAsync(Guid instanceId)
    {
        await using var db = Database.CreateContext();
        return (await db.Timers.AsNoTracking().Where(t => t.InstanceId == instanceId).ToListAsync()).OrderBy(t => t.DueAt).ToList();
    }

    public static JsonObject Json(string json) => JsonNode.Parse(json)!.AsObject();

    public ValueTask DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (_file is not null)
        {
            foreach (var path in new[] { _file, _file + "-wal", _file + "-shm" })
            {
                File.Delete(path);
            }
        }

        return ValueTask.CompletedTask;
    }
}
