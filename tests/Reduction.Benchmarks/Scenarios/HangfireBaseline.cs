using System.Diagnostics;
using Hangfire;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Reduction.Benchmarks.Cluster;
using Reduction.Benchmarks.Support;
using Reduction.Workflows.Hosting;
using Reduction.Workflows.Persistence;

namespace Reduction.Benchmarks.Scenarios;

/// <summary>(a) Raw Hangfire on PostgreSQL: N trivial jobs enqueued, then drained by a real BackgroundJobServer with the
/// polling settings and worker count the runtime's server uses. The figure is the completion rate, first to last job.</summary>
internal static class HangfireBaseline
{
    public static async Task<double> RunAsync(PostgresCluster cluster, BenchmarkSizes sizes, ResultTable table, CancellationToken cancellationToken)
    {
        const string Database = "bench_hangfire";
        var connectionString = await cluster.CreateDatabaseAsync(Database, cancellationToken);
        try
        {
            var storage = CreateStorage(connectionString);
            var client = new BackgroundJobClient(storage);
            var enqueue = Stopwatch.StartNew();
            for (var i = 0; i < sizes.BaselineJobs; i++)
            {
                client.Enqueue<TrivialJob>(j => j.ExecuteAsync(Guid.CreateVersion7(), CancellationToken.None));
            }

            enqueue.Stop();
            table.Note("a", $"enqueued {sizes.BaselineJobs} jobs one by one in {enqueue.Elapsed.TotalSeconds:0.0} s ({ResultTable.Format(sizes.BaselineJobs / enqueue.Elapsed.TotalSeconds)} jobs/s, one caller)");

            JobRecorder.Instance.Clear();
            var probe = ResourceProbe.Start();
            var options = ServerOptions();
            using (var server = new BackgroundJobServer(options, storage))
            {
                await WaitAsync(() => JobRecorder.Instance.Count(nameof(TrivialJob)) >= sizes.BaselineJobs, TimeSpan.FromSeconds(60 + (sizes.BaselineJobs / 20)), "the baseline jobs", cancellationToken);
                server.SendStop();
            }

            var rate = JobRecorder.Instance.Rate(nameof(TrivialJob));
            table.Add("a", "raw Hangfire: trivial jobs completed", rate, "jobs/s");
            table.Note("a", $"drain: {probe.Describe(sizes.BaselineJobs)}");
            table.Note("a", $"{options.WorkerCount} workers, SchedulePollingInterval {options.SchedulePollingInterval.TotalMilliseconds} ms, QueuePollInterval {new WorkflowHangfireOptions().QueuePollInterval.TotalMilliseconds} ms (the runtime's defaults)");
            return rate;
        }
        finally
        {
            await cluster.DropDatabaseAsync(Database, CancellationToken.None);
        }
    }

    /// <summary>Hangfire storage built exactly as the runtime builds its own (schema, queue polling, auto-prepared statements).</summary>
    public static PostgreSqlStorage CreateStorage(string connectionString)
    {
        var options = new PostgreSqlStorageOptions
        {
            SchemaName = WorkflowServiceCollectionExtensions.HangfireSchema,
            QueuePollInterval = new WorkflowHangfireOptions().QueuePollInterval,
            PrepareSchemaIfNecessary = true,
        };
        return new PostgreSqlStorage(new NpgsqlConnectionFactory(WorkflowDatabase.WithAutoPrepare(connectionString), options), options);
    }

    /// <summary>The runtime's server settings: its schedule polling interval and Hangfire's default worker count.</summary>
    public static BackgroundJobServerOptions ServerOptions() => new()
    {
        SchedulePollingInterval = new WorkflowHangfireOptions().SchedulePollingInterval,
        Activator = new JobActivator(),
    };

    public static async Task WaitAsync(Func<bool> done, TimeSpan timeout, string what, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        while (!done())
        {
            if (deadline.Elapsed > timeout)
            {
                throw new TimeoutException($"{what} did not finish within {timeout}");
            }

            await Task.Delay(50, cancellationToken);
        }
    }
}
