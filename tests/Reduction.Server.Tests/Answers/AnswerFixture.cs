using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Reduction.Notifications.Links;
using Reduction.Server.Tests.Support;
using Reduction.Testing;
using Reduction.Workflows.Execution;
using Reduction.Workflows.Persistence;
using Reduction.Workflows.Tasks;

namespace Reduction.Server.Tests.Answers;

/// <summary>One in-process server shared by the page and API tests of this collection (the shipped `annual-plan` and
/// small test workflows); every test starts its own workflow instances and so has tasks of its own.</summary>
public sealed class AnswerFixture : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly PostgresServer _postgres = new();
    private readonly string _data = Directory.CreateTempSubdirectory("reduction-answers-").FullName;
    private DrillFolder? _workflows;
    private AnswerFactory? _factory;

    internal AnswerFactory Factory => _factory ?? throw new InvalidOperationException("not initialised");

    internal IServiceProvider Services => Factory.Services;

    public WorkflowDatabase Database => Services.GetRequiredService<WorkflowDatabase>();

    public async Task InitializeAsync()
    {
        await _postgres.InitializeAsync();
        var connectionString = await _postgres.CreateDatabaseAsync();
        var shipped = Path.Combine(RepositoryRoot(), "workflows");
        _workflows = new DrillFolder(
        [
            File.ReadAllText(Path.Combine(shipped, "annual-plan.json")),
            AnswerDefinitions.Data,
            AnswerDefinitions.Countersign,
            AnswerDefinitions.CycleStub,
            .. CompleteTaskCheckTests.Definitions,
            .. AnswerDefinitions.FormKinds.Select(AnswerDefinitions.AnyKind),
        ]);
        _factory = new AnswerFactory(connectionString, _workflows.Path, _data);
        _ = _factory.Server;
        await TestAccounts.EnsureOperatorAsync(_factory.Services);
        await TestAccounts.EnsureAsync(_factory.Services, SystemAdminUser, "epb", AdminClient.Password, Reduction.Identity.Accounts.AccountRoles.SystemAdmin);
    }

    /// <summary>A browser-like client: cookies kept, redirects not followed.</summary>
    public HttpClient Browser() => Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>A browser-like client signed in to the console as the test operator (cookie), for the pages.</summary>
    public Task<HttpClient> PagesAsync(string user = AdminClient.User) => TestSignIn.ClientAsync(Factory, user);

    /// <summary>A system administrator of the EPB (the job dashboard's user).</summary>
    public const string SystemAdminUser = "drill-sysadmin";

    public HttpClient Admin(string? password = AdminClient.Password)
    {
        return password is null
            ? Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false })
            : new HttpClient(AdminClient.SignedIn(Factory.Server.CreateHandler(), AdminClient.User, password)) { BaseAddress = new Uri("http://localhost") };
    }

    /// <summary>Starts an instance and returns it with its open tasks (as soon as they exist).</summary>
    public async Task<(Guid InstanceId, List<TaskRecord> Tasks)> StartAsync(string definitionId, JsonObject? variables = null)
    {
        var runtime = Services.GetRequiredService<WorkflowRuntime>();
        var started = await runtime.StartAsync(definitionId, variables, $"page-test:{Guid.NewGuid():N}");
        var tasks = Services.GetRequiredService<TaskService>();
        var list = await Eventually.ReturnsAsync(async () =>
        {
            var found = await tasks.ListAsync(started.InstanceId);
            return found.Count > 0 ? found.ToList() : null;
        }, Patience, $"tasks of {definitionId}");
        return (started.InstanceId, list);
    }

    /// <summary>An annual-plan task for Lhasa, cycle year 2015 (long overdue: open, late).</summary>
    public async Task<TaskRecord> PlanTaskAsync() =>
        (await StartAsync("annual-plan", new JsonObject { ["year"] = 2015, ["item"] = new JsonObject { ["id"] = "lhasa", ["name"] = "拉萨市" } })).Tasks.Single();

    public async Task<string> TokenAsync(Guid taskId) => (await Services.GetRequiredService<TaskLinkService>().IssueAsync(taskId)).Token;

    public Task<IReadOnlyList<TaskSubmissionRecord>> SubmissionsAsync(Guid taskId) => Services.GetRequiredService<TaskService>().GetSubmissionsAsync(taskId);

    public Task<TaskRecord?> TaskAsync(Guid taskId) => Services.GetRequiredService<TaskService>().GetAsync(taskId);

    public async Task<InstanceRecord> InstanceAsync(Guid instanceId)
    {
        await using var db = Database.CreateContext();
        return await db.Instances.AsNoTracking().SingleAsync(i => i.Id == instanceId);
    }

    /// <summary>Moves a closed task's closing back, as if it had closed long ago (its links expire after the grace period).</summary>
    public async Task CloseLongAgoAsync(Guid taskId)
    {
        await using var db = Database.CreateContext();
        var longAgo = DateTimeOffset.UtcNow.AddDays(-30);
        await db.Tasks.Where(t => t.Id == taskId).ExecuteUpdateAsync(s => s.SetProperty(t => t.ClosedAt, longAgo));
    }

    /// <summary>Moves a task's lateness threshold, so the next submission is on time (future) or late (past).</summary>
    public async Task MoveLateFromAsync(Guid taskId, DateTimeOffset lateFrom)
    {
        await using var db = Database.CreateContext();
        await db.Tasks.Where(t => t.Id == taskId).ExecuteUpdateAsync(s => s.SetProperty(t => t.LateFrom, lateFrom));
    }

    public async Task DisposeAsync()
    {
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }

        _workflows?.Dispose();
        await _postgres.DisposeAsync();
        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (IOException)
        {
            // Temp space.
        }
    }

    internal static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Reduction.Workflows.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Reduction.Workflows.sln not found above " + AppContext.BaseDirectory);
    }
}
