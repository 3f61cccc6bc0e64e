using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Reduction.Domain.Parties;
using Reduction.Server.Tests.Support;
using Reduction.Testing;
using Reduction.Workflows.Execution;
using Reduction.Workflows.Persistence;
using Reduction.Workflows.Queries;

namespace Reduction.Server.Tests.Clock;

/// <summary>The drill clock moved past many due instants in one step, on a server (in-process, real PostgreSQL and job
/// server): a task's reminders, due transition and whole escalation chain fire in due order; the yearly trigger does
/// not start a cycle year the cycle API refuses.</summary>
public sealed class DrillCatchUpTests : IClassFixture<PostgresServer>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private readonly PostgresServer _postgres;

    public DrillCatchUpTests(PostgresServer postgres) => _postgres = postgres;

    [Fact]
    public async Task Advance_PastAWholeEscalationChain_FiresRemindersDueAndStepsInOrder()
    {
        // The demo: 拉萨市's 2015 plan due 15 March, two reminders, a three-step escalation from 16 to 20 March.
        using var folder = new DrillFolder(File.ReadAllText(RepositoryRoot.Combine("workflows", "demo-task-escalation.json")));
        await using var server = await DrillServer.StartAsync(_postgres, folder.Path, new DateTimeOffset(2015, 1, 5, 8, 0, 0, TimeSpan.FromHours(8)));
        using var client = server.Client();
        using var started = await client.PostAsJsonAsync("/api/workflows/demo-task-escalation/instances", new { correlationKey = $"catch-up-{Guid.NewGuid():N}" });
        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        var id = Guid.Parse((await started.Content.ReadFromJsonAsync<JsonObject>())!["instanceId"]!.GetValue<string>());

        using var advanced = await client.PostAsJsonAsync("/api/clock/advance", new { to = "2015-03-25T12:00:00+08:00" });
        Assert.Equal(HttpStatusCode.OK, advanced.StatusCode);
        await Eventually.TrueAsync(async () => await server.PendingTimersAsync(id) == 0, Patience, "every timer of the instance fired");

        var journal = (await new InstanceQueries(server.Runtime.Database).GetAsync(PartyScope.Everything, id))!.Journal;
        var fired = journal.Where(j => j.Event == "timer-fired").Select(j => j.Data!).ToList();
        Assert.Equal(["reminder", "reminder", "due", "escalation", "escalation", "escalation"], fired.Select(f => f["purpose"]!.GetValue<string>()));
        var dueAts = fired.Select(f => f["dueAt"]!.GetValue<DateTimeOffset>()).ToList();
        Assert.Equal(dueAts.Order(), dueAts);
        Assert.Equal(
            ["reminder", "reminder", "task-overdue", "escalation", "escalation", "escalation"],
            journal.Where(j => j.Event is "reminder" or "task-overdue" or "escalation").Select(j => j.Event));

        // The notices in the order they were written: issued, both reminders, the overdue notice (step 1), steps 2 and 3.
        var notices = await server.NoticesAsync(id);
        Assert.Equal(
            ["issued", "reminder:0", "reminder:1", "escalation:0", "escalation:1", "escalation:2"],
            notices.Select(n => n.IdempotencyKey[(n.IdempotencyKey.IndexOf(':', StringComparison.Ordinal) + 1)..]));
        Assert.Equal(["task-issued", "reminder", "reminder", "overdue", "escalation", "escalation"], notices.Select(n => n.TemplateKey));
    }

    [Fact]
    public async Task YearlyTrigger_ForACycleYearNoPlanPeriodCovers_SkippedWithALogLineNothingStarted()
    {
        // The shipped definitions; the yearly trigger (5 January, 09:00) fires for 2031, which assesses 2030: no plan period.
        await using var server = await DrillServer.StartAsync(_postgres, RepositoryRoot.Combine("workflows"), new DateTimeOffset(2031, 1, 5, 8, 59, 0, TimeSpan.FromHours(8)));
        using var client = server.Client();

        using var advanced = await client.PostAsJsonAsync("/api/clock/advance", new { to = "2031-01-05T09:00:05+08:00" });
        Assert.Equal(HttpStatusCode.OK, advanced.StatusCode);
        var line = await Eventually.ReturnsAsync(
            () => Task.FromResult(server.Logs.Lines.FirstOrDefault(l => l.Contains("skipped its occurrence", StringComparison.Ordinal))),
            Patience,
            "the skipped occurrence logged");

        Assert.Contains("annual-cycle:2031", line, StringComparison.Ordinal);
        Assert.Contains(Reduction.Domain.PlanPeriods.PlanPeriodCatalog.NotCoveredMessage(2031), line, StringComparison.Ordinal);
        Assert.Empty((await client.GetFromJsonAsync<JsonArray>("/api/instances?definition=annual-cycle"))!);
        await using var db = server.Database.CreateContext();
        var cron = await db.Timers.AsNoTracking().Where(t => t.Purpose == "cron" && t.Status == TimerStatus.Pending).ToListAsync();
        Assert.Contains(cron, t => t.DueAt == new DateTimeOffset(2032, 1, 5, 9, 0, 0, TimeSpan.FromHours(8)));

        // The same year through the cycle API: refused alike.
        using var byHand = await client.PostAsync(new Uri("/api/cycles/2031/start", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.BadRequest, byHand.StatusCode);
    }

    /// <summary>An in-process server on the drill clock from a given instant, publishing a given folder, with its log kept.</summary>
    private sealed class DrillServer : IAsyncDisposable
    {
        private readonly Factory _factory;

        private DrillServer(Factory factory) => _factory = factory;

        public LogLines Logs => _factory.Logs;

        public WorkflowRuntime Runtime => _factory.Services.GetRequiredService<WorkflowRuntime>();

        public WorkflowDatabase Database => _factory.Services.GetRequiredService<WorkflowDatabase>();

        public static async Task<DrillServer> StartAsync(PostgresServer postgres, string workflowsFolder, DateTimeOffset start)
        {
            var factory = new Factory(await postgres.CreateDatabaseAsync(), workflowsFolder, start);
            _ = factory.Server;
            await TestAccounts.EnsureOperatorAsync(factory.Services);
            return new DrillServer(factory);
        }

        public HttpClient Client()
        {
            _ = _factory.Server;
            return new HttpClient(AdminClient.SignedIn(_factory.Server.CreateHandler())) { BaseAddress = new Uri("http://localhost") };
        }

        public async Task<int> PendingTimersAsync(Guid instanceId)
        {
            await using var db = Database.CreateContext();
            return await db.Timers.CountAsync(t => t.InstanceId == instanceId && t.Status == TimerStatus.Pending);
        }

        /// <summary>The instance's notices in creation order (each burst's instant on the drill clock).</summary>
        public async Task<List<NoticeRecord>> NoticesAsync(Guid instanceId)
        {
            await using var db = Database.CreateContext();
            return (await db.Notices.AsNoTracking().Where(n => n.InstanceId == instanceId).ToListAsync()).OrderBy(n => n.CreatedAt).ToList();
        }

        public ValueTask DisposeAsync() => _factory.DisposeAsync();

        private sealed class Factory(string connectionString, string workflowsFolder, DateTimeOffset start) : WebApplicationFactory<Program>
        {
            public LogLines Logs { get; } = new();

            protected override void ConfigureWebHost(IWebHostBuilder builder)
            {
                builder.UseEnvironment("Production");
                builder.UseSetting("Clock:Start", start.ToString("O", CultureInfo.InvariantCulture));
                builder.UseSetting("Storage:PostgresConnectionString", connectionString);
                builder.UseSetting("Storage:DataRoot", Directory.CreateTempSubdirectory("reduction-server-test-").FullName);
                builder.UseSetting("Server:WorkflowsFolder", workflowsFolder);
                builder.UseSetting("Hangfire:WorkerCount", "2");
                builder.UseSetting("Logging:LogLevel:Default", "Warning");
                builder.ConfigureLogging(logging => logging.AddProvider(Logs));
            }
        }
    }

    /// <summary>Every log line of the server, kept for the test to read.</summary>
    private sealed class LogLines : ILoggerProvider
    {
        private readonly Lock _lock = new();
        private readonly List<string> _lines = [];

        public IReadOnlyList<string> Lines
        {
            get
            {
                lock (_lock)
                {
                    return [.. _lines];
                }
            }
        }

        public ILogger CreateLogger(string categoryName) => new Writer(this);

        public void Dispose()
        {
        }

        private sealed class Writer(LogLines owner) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                lock (owner._lock)
                {
                    owner._lines.Add($"{logLevel}: {formatter(state, exception)}");
                }
            }
        }
    }
}
