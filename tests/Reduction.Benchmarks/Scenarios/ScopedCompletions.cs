using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Reduction.Benchmarks.Cluster;
using Reduction.Benchmarks.Support;
using Reduction.Benchmarks.Workflows;
using Reduction.Domain.Parties;
using Reduction.Workflows.Auditing;
using Reduction.Workflows.Queries;
using Reduction.Workflows.Scheduling;
using Reduction.Workflows.Tasks;

namespace Reduction.Benchmarks.Scenarios;

/// <summary>(i) Task completions through the scoped path against the same completions through the engine alone, in
/// one run on one database: the engine path is <c>TaskService.CompleteAsync</c>; the scoped path first reads the task
/// by id through <c>TaskQueries.FindAsync</c> with a Lhasa member's <see cref="PartyScope"/>, as
/// `POST /api/tasks/{id}/complete` does; the API path also records the request's audit entry in the completion's
/// transaction (<see cref="AuditScope"/>), as the server's audit middleware does.</summary>
internal static class ScopedCompletions
{
    private delegate Task<bool> Completion(Guid taskId, CancellationToken cancellationToken);

    public static async Task RunAsync(PostgresCluster cluster, BenchmarkSizes sizes, ResultTable table, CancellationToken cancellationToken)
    {
        const string Database = "bench_scoped";
        var connectionString = await cluster.CreateDatabaseAsync(Database, cancellationToken);
        try
        {
            await using var host = await BenchHost.StartAsync(connectionString, server: false, cancellationToken);
            await host.PublishAsync(BenchDefinitions.Task(), cancellationToken);
            var year = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).Year;
            var options = new ParallelOptions { MaxDegreeOfParallelism = sizes.Callers, CancellationToken = cancellationToken };
            var perPath = sizes.ScopedTasks + sizes.ScopedWarmup;
            await Parallel.ForEachAsync(Enumerable.Range(0, 3 * perPath), options, async (i, token) =>
                await host.Runtime.StartAsync(BenchDefinitions.TaskId, new JsonObject { ["year"] = year, ["key"] = i.ToString(CultureInfo.InvariantCulture) }, cancellationToken: token));
            var tasks = await Sql.QueryAsync(connectionString, """SELECT "Id" FROM workflows.workflow_tasks WHERE "Status" = 'Open' ORDER BY "CreatedAt", "Id" """, r => r.GetGuid(0), cancellationToken);
            if (tasks.Count != 3 * perPath)
            {
                throw new InvalidOperationException($"{tasks.Count} of {3 * perPath} tasks are open after issuing");
            }

            var service = new TaskService(host.Runtime);
            var queries = host.Services.GetRequiredService<TaskQueries>();
            var audit = host.Services.GetRequiredService<AuditLog>();
            var member = PartyScope.Of(host.Runtime.Parties.GetById(BenchParties.Prefecture));
            var actor = new AuditActor("bench-zhaxi", member.PartyId!, "127.0.0.1");
            var scheduler = (HangfireWorkflowScheduler)host.Runtime.Scheduler;

            async Task<bool> CompleteAsync(Guid id, CancellationToken token) =>
                await service.CompleteAsync(id, new JsonObject { ["cod"] = 12.5, ["nh3n"] = 1.25, ["note"] = "基准数据" }, actor.User, token) == TaskActionResult.Accepted;

            // The three paths, each with a third of the tasks (interleaved, so none gets the emptier tables).
            (string Name, Completion Run)[] paths =
            [
                ("engine", CompleteAsync),
                ("scoped", async (id, token) => await queries.FindAsync(member, id, token) is not null && await CompleteAsync(id, token)),
                ("api", async (id, token) =>
                {
                    if (await queries.FindAsync(member, id, token) is null)
                    {
                        return false;
                    }

                    using (AuditScope.Record(actor.Entry("POST /api/tasks/{id}/complete", "tasks", id.ToString())))
                    {
                        var accepted = await CompleteAsync(id, token);
                        await audit.FlushAsync(accepted ? AuditOutcomes.Success : AuditOutcomes.Failure, token);
                        return accepted;
                    }
                }),
            ];
            var ids = paths.Select((_, p) => tasks.Where((_, i) => i % paths.Length == p).ToList()).ToArray();
            var elapsed = new TimeSpan[paths.Length];
            var accepted = new int[paths.Length];

            async Task<TimeSpan> RoundAsync(int path, IEnumerable<Guid> round)
            {
                var clock = Stopwatch.StartNew();
                await Parallel.ForEachAsync(round, options, async (id, token) =>
                {
                    if (await paths[path].Run(id, token))
                    {
                        Interlocked.Increment(ref accepted[path]);
                    }
                });

                // As in (f): a completion's work ends when its receipt notice has its Hangfire job.
                if (!await scheduler.FlushAsync(TimeSpan.FromMinutes(1)))
                {
                    throw new InvalidOperationException("receipt notices still waiting for their Hangfire job a minute after the last completion");
                }

                return clock.Elapsed;
            }

            // Untimed warm-up of every path (JIT, EF Core's caches, prepared statements), then timed rounds in turn,
            // each round starting with another path.
            for (var p = 0; p < paths.Length; p++)
            {
                await RoundAsync(p, ids[p].Take(sizes.ScopedWarmup));
            }

            var roundSize = (int)Math.Ceiling((double)sizes.ScopedTasks / sizes.ScopedRounds);
            var probe = ResourceProbe.Start();
            for (var r = 0; r < sizes.ScopedRounds; r++)
            {
                for (var k = 0; k < paths.Length; k++)
                {
                    var p = (r + k) % paths.Length;
                    elapsed[p] += await RoundAsync(p, ids[p].Skip(sizes.ScopedWarmup + (r * roundSize)).Take(Math.Min(roundSize, sizes.ScopedTasks - (r * roundSize))));
                }
            }

            table.Note("i", $"all three paths: {probe.Describe(3 * sizes.ScopedTasks)}");
            if (accepted.Any(a => a != perPath))
            {
                throw new InvalidOperationException($"completions accepted per path: {string.Join(", ", accepted)} of {perPath} each");
            }

            var verification = await audit.VerifyAsync(cancellationToken);
            if (!verification.Intact || verification.Entries != perPath)
            {
                throw new InvalidOperationException($"audit log after the API path: {verification.Entries} entries of {perPath}, intact {verification.Intact} ({verification.Reason})");
            }

            var rates = elapsed.Select(e => sizes.ScopedTasks / e.TotalSeconds).ToArray();
            var engine = (rates[0], "completions/s", "engine path, i");
            table.Add("i", "task completions, engine path (TaskService.CompleteAsync, unscoped)", rates[0], "completions/s");
            table.Add("i", $"task completions, scoped read (TaskQueries.FindAsync, member of {member.PartyId}) + completion", rates[1], "completions/s", engine, "≥ 0.9× engine", rates[1] >= 0.9 * rates[0]);
            table.Add("i", "task completions, API path (scoped read + completion + audit entry in its transaction)", rates[2], "completions/s", engine, "≥ 0.9× engine", rates[2] >= 0.9 * rates[0]);
            table.Note("i", $"{3 * perPath} tasks issued; per path {sizes.ScopedWarmup} completed untimed to warm up, then {sizes.ScopedTasks} timed in {sizes.ScopedRounds} rounds taken in turn with the other paths, by {sizes.Callers} callers; the clock of a round stops when every receipt has its delivery job; no job server running; the API's answer-form check (the same for every caller) is left out");
        }
        finally
        {
            await cluster.DropDatabaseAsync(Database, CancellationToken.None);
        }
    }
}
