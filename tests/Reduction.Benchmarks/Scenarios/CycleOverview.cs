using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Reduction.Benchmarks.Cluster;
using Reduction.Benchmarks.Support;
using Reduction.Domain.Calendar;
using Reduction.Domain.Parties;
using Reduction.Testing;
using Reduction.Workflows.Queries;

namespace Reduction.Benchmarks.Scenarios;

/// <summary>(l) The year at a glance for a national-scale year against a bare <c>COUNT(*)</c> over the same tasks, in one
/// run on one database. <see cref="CycleYearRows"/> writes each year's rows for 333 prefectures (every task kind), for
/// the measured year and four others, and the journal gets 20 further entries per instance, all straight into
/// PostgreSQL; the baseline counts the year's tasks with one recursive query from the cycle's correlation key.</summary>
internal static class CycleOverview
{
    public const int Prefectures = 333;

    private const int OtherYears = 4;

    private const int JournalPerInstance = 20;

    public static async Task RunAsync(PostgresCluster cluster, BenchmarkSizes sizes, ResultTable table, CancellationToken cancellationToken)
    {
        const string Database = "bench_overview";
        var connectionString = await cluster.CreateDatabaseAsync(Database, cancellationToken);
        try
        {
            await using var host = await BenchHost.StartAsync(connectionString, server: false, cancellationToken);
            var now = DateTimeOffset.UtcNow;
            var year = BeijingTime.DateOf(now).Year;
            var prefectures = BenchParties.AtScale(Prefectures).WithRole(PartyRole.Prefecture).Take(Prefectures).Select(p => p.Id).ToList();
            var tasks = 0;
            for (var y = year - OtherYears; y <= year; y++)
            {
                var written = await CycleYearRows.InsertAsync(host.Database, y, prefectures, now, cancellationToken);
                tasks = y == year ? written : tasks;
            }

            await Sql.ExecuteAsync(connectionString, $"""
                INSERT INTO workflows.workflow_journal ("InstanceId", "At", "ActivityId", "Event", "Message")
                SELECT i."Id", i."CreatedAt" + n * interval '1 minute', 'start', 'activity-executed', '活动已执行'
                FROM workflows.workflow_instances i CROSS JOIN generate_series(1, {JournalPerInstance}) n
                """, cancellationToken);
            await Sql.ExecuteAsync(connectionString, "ANALYZE", cancellationToken);

            var queries = host.Services.GetRequiredService<CycleOverviewQueries>();
            var key = string.Create(CultureInfo.InvariantCulture, $"annual-cycle:{year}");
            var count = $"""
                WITH RECURSIVE cycle AS (
                    SELECT "Id" FROM workflows.workflow_instances WHERE "CorrelationKey" = '{key}'
                    UNION ALL
                    SELECT i."Id" FROM workflows.workflow_instances i JOIN cycle c ON i."ParentInstanceId" = c."Id")
                SELECT COUNT(*) FROM workflows.workflow_tasks t
                WHERE t."InstanceId" IN (SELECT "Id" FROM cycle)
                   OR t."InstanceId" IN (SELECT "Id" FROM workflows.workflow_instances
                                         WHERE "DefinitionId" = 'lift-sanctions' AND "ParentInstanceId" IS NULL
                                           AND ("StateJson"::jsonb -> 'variables' ->> 'year') = '{year}')
                """;

            var overview = await queries.GetAsync(PartyScope.Everything, year, cancellationToken);
            var counted = await Sql.ScalarAsync<long>(connectionString, count, cancellationToken);
            if (overview.Cells.Sum(c => c.Count) != tasks || counted != tasks)
            {
                throw new InvalidOperationException($"{tasks} tasks written for {year}; the overview's cells hold {overview.Cells.Sum(c => c.Count)}, COUNT(*) gives {counted}");
            }

            var samples = sizes.OverviewSamples;
            var overviewTimes = new List<double>(samples);
            var countTimes = new List<double>(samples);
            for (var i = 0; i < 5; i++)
            {
                await queries.GetAsync(PartyScope.Everything, year, cancellationToken);
                await Sql.ScalarAsync<long>(connectionString, count, cancellationToken);
            }

            for (var i = 0; i < samples; i++)
            {
                var clock = Stopwatch.StartNew();
                await queries.GetAsync(PartyScope.Everything, year, cancellationToken);
                overviewTimes.Add(clock.Elapsed.TotalMilliseconds);
                clock.Restart();
                await Sql.ScalarAsync<long>(connectionString, count, cancellationToken);
                countTimes.Add(clock.Elapsed.TotalMilliseconds);
            }

            var member = await queries.GetAsync(PartyScope.Of(host.Runtime.Parties.GetById("supervision")), year, cancellationToken);
            var overviewMedian = Stats.Percentile(overviewTimes, 50);
            var countMedian = Stats.Percentile(countTimes, 50);
            var baseline = (countMedian, "ms", "bare COUNT(*) over the same tasks");
            table.Add("l", "COUNT(*) over the year's tasks (recursive from annual-cycle:{year}), median", countMedian, "ms");
            table.Add("l", $"year at a glance (CycleOverviewQueries.GetAsync, everything), median", overviewMedian, "ms", baseline, "< 200 ms and ≤ 10× COUNT(*)", overviewMedian < 200 && overviewMedian <= 10 * countMedian);
            table.Add("l", "year at a glance, p95", Stats.Percentile(overviewTimes, 95), "ms");
            table.Note("l", $"{Prefectures} prefectures, {tasks:#,0} tasks and {overview.Cells.Count} cells in {year}, the same for {OtherYears} other years beside it; {JournalPerInstance} journal entries per instance; median of {samples} after 5 untimed, the two timed in turn; the supervision's scope sees {member.Cells.Count} cells");
            foreach (var plan in await PlansAsync(connectionString, cancellationToken))
            {
                table.Note("l", plan);
            }
        }
        finally
        {
            await cluster.DropDatabaseAsync(Database, CancellationToken.None);
        }
    }

    /// <summary>How PostgreSQL reads the tables the overview asks by id lists: each must go through an index. The id lists
    /// come from a sub-select here, whose own scan is left out of the line.</summary>
    private static async Task<List<string>> PlansAsync(string connectionString, CancellationToken cancellationToken)
    {
        var lines = new List<string>();
        (string Name, string Table, string Sql)[] reads =
        [
            ("tasks by instance", "workflow_tasks", """SELECT "Id" FROM workflows.workflow_tasks WHERE "InstanceId" = ANY(ARRAY(SELECT "Id" FROM workflows.workflow_instances WHERE "DefinitionId" = 'annual-plan' LIMIT 333))"""),
            ("children by parent", "workflow_instances", """SELECT "Id" FROM workflows.workflow_instances WHERE "ParentInstanceId" = ANY(ARRAY(SELECT "Id" FROM workflows.workflow_instances x WHERE x."CorrelationKey" LIKE 'annual-cycle:%' LIMIT 1))"""),
            ("escalation timers by task", "workflow_timers", """SELECT "TaskId" FROM workflows.workflow_timers WHERE "TaskId" = ANY(ARRAY(SELECT "Id" FROM workflows.workflow_tasks LIMIT 2000)) AND "Purpose" = 'escalation' AND "Status" = 'Fired'"""),
            ("submissions by task", "workflow_task_submissions", """SELECT "TaskId" FROM workflows.workflow_task_submissions WHERE "TaskId" = ANY(ARRAY(SELECT "Id" FROM workflows.workflow_tasks LIMIT 2000))"""),
            ("notices by instance", "notice_outbox", """SELECT "Status", COUNT(*) FROM workflows.notice_outbox WHERE "InstanceId" = ANY(ARRAY(SELECT "Id" FROM workflows.workflow_instances LIMIT 1400)) GROUP BY "Status" """),
        ];
        foreach (var (name, table, sql) in reads)
        {
            var plan = await Sql.QueryAsync(connectionString, "EXPLAIN " + sql, r => r.GetString(0), cancellationToken);
            var scans = plan.Select(l => l.Trim().TrimStart('-', '>', ' '))
                .Where(l => l.Contains("Scan", StringComparison.Ordinal) && l.Contains($" on {table} ", StringComparison.Ordinal) && !l.Contains($" on {table} x ", StringComparison.Ordinal))
                .ToList();
            lines.Add($"plan, {name}: {string.Join("; ", scans.Select(s => s.Split("  (", 2)[0]))}");
        }

        return lines;
    }
}
