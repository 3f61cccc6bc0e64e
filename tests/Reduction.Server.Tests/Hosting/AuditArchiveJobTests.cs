using Hangfire;
using Hangfire.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Reduction.Server.Audit;
using Reduction.Server.Hosting;
using Reduction.Server.Tests.Api;
using Reduction.Testing;
using Reduction.Workflows.Auditing;
using Reduction.Workflows.Persistence;

namespace Reduction.Server.Tests.Hosting;

/// <summary>The server's audit retention: the daily archive is a Hangfire recurring job, it archives what is older than
/// `Security:AuditRetention` into the default folder under the data root, and a retention below 180 days stops the
/// server from starting.</summary>
public sealed class AuditArchiveJobTests(PostgresServer postgres) : IClassFixture<PostgresServer>, IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("reduction-audit-job-").FullName;

    [Fact]
    public async Task Start_RegistersTheDailyArchive_RunningItArchivesTheOldEntriesUnderTheDataRoot()
    {
        var connectionString = await postgres.CreateDatabaseAsync();
        var database = new WorkflowDatabase(new WorkflowStorageOptions { PostgresConnectionString = connectionString }, new YearAgo());
        await database.MigrateAsync();
        var old = new AuditLog(database, new YearAgo());
        for (var i = 0; i < 3; i++)
        {
            await old.AppendAsync(new AuditEntry("zhaxi", "lhasa", null, "test.old", null, null));
        }

        await using var factory = new ApiFactory(connectionString, Path.Combine(_root, "no-workflows"), settings: new Dictionary<string, string> { ["Storage:DataRoot"] = _root });
        _ = factory.Server;

        using (var connection = factory.Services.GetRequiredService<JobStorage>().GetConnection())
        {
            var job = Assert.Single(connection.GetRecurringJobs(), j => j.Id == AuditArchiveJob.RecurringJobId);
            Assert.Equal(AuditArchiveSchedule.Cron, job.Cron);
        }

        await factory.Services.GetRequiredService<AuditArchiveJob>().ExecuteAsync(CancellationToken.None);

        var file = Assert.Single(Directory.GetFiles(Path.Combine(_root, ".data", "audit-archive")));
        Assert.Equal(3, (await AuditArchiveFile.VerifyAsync(file)).Entries);
        var live = await factory.Services.GetRequiredService<AuditLog>().VerifyAsync();
        Assert.True(live.Intact, live.Reason);
        Assert.Equal(3, live.Archived);
    }

    [Fact]
    public async Task Start_RetentionBelow180Days_Refused()
    {
        var connectionString = await postgres.CreateDatabaseAsync();
        await using var factory = new ApiFactory(connectionString, Path.Combine(_root, "no-workflows"), settings: new Dictionary<string, string> { ["Security:AuditRetention"] = "30.00:00:00" });

        var error = Assert.Throws<OptionsValidationException>(() => factory.Server);

        Assert.Contains("不得少于 180 天", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private sealed class YearAgo : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => DateTimeOffset.UtcNow.AddDays(-365);
    }
}
