using System.Diagnostics;
using Hangfire;
using Reduction.Benchmarks;
using Reduction.Benchmarks.Cluster;
using Reduction.Benchmarks.Notices;
using Reduction.Benchmarks.Scenarios;
using Reduction.Benchmarks.Support;

// dotnet run -c Release --project tests/Reduction.Benchmarks -- [--quick] [--only a,b,c,d,f,g,h,i,j,k,l,m] [--profile]
//   [--parties tibet|national|FILE]
// Starts a private PostgreSQL cluster (only when a step in a–f, i, j or l is selected), measures (a)–(f), (i) scoped
// against unscoped task completions, (j) sign-in against the bare password check and (l) the year at a glance
// against a bare count of the same tasks, then the notice steps (g)
// rendering and (h) SMTP delivery to a private smtp4dev, (k) the designer's first render against loading the
// definition alone, prints the table; never fails on a number.
// --profile loads pg_stat_statements and prints the statements that took most server time after each step.
// --parties picks the party directory as the server's Parties:Directory does (default tibet, or the environment's
// REDUCTION_Parties__Directory): the hosts run on it, and with national (31 provinces, 333 prefectures) steps l and m
// use its prefectures instead of generated ones.
if (args.Length > 0 && args[0] == ServeCommand.Name)
{
    return await ServeCommand.RunAsync(args[1..]);
}

var quick = args.Contains("--quick");
var profile = args.Contains("--profile");
var only = args.SkipWhile(a => a != "--only").Skip(1).FirstOrDefault()?.Split(',') ?? ["a", "b", "c", "d", "f", "g", "h", "i", "j", "k", "l", "m"];
var sizes = quick ? BenchmarkSizes.Quick : BenchmarkSizes.Full;
BenchParties.Directory = args.SkipWhile(a => a != "--parties").Skip(1).FirstOrDefault() ?? BenchParties.Directory;
try
{
    _ = BenchParties.Load();
}
catch (Exception e) when (e is FileNotFoundException or FormatException or IOException or UnauthorizedAccessException)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}

using var cancellation = new CancellationTokenSource(TimeSpan.FromMinutes(quick ? 15 : 40));
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancellation.Cancel();
};

// The runtime's process-wide Hangfire settings, set before the baseline so its jobs are stored the same way.
GlobalConfiguration.Configuration
    .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
    .UseSimpleAssemblyNameTypeSerializer()
    .UseRecommendedSerializerSettings();
GlobalJobFilters.Filters.Add(JobRecorder.Instance);

var table = new ResultTable();
var clock = Stopwatch.StartNew();
var machine = MachineInfo.Describe();
IReadOnlyList<string> database = [];
PostgresCluster? currentCluster = null;
Console.WriteLine($"Reduction.Workflows benchmarks ({(quick ? "quick" : "full")} run, parties: {BenchParties.Directory})");
string[] databaseSteps = ["a", "b", "c", "d", "f", "i", "j", "l", "m"];
if (only.Intersect(databaseSteps).Any())
{
    await using var cluster = await PostgresCluster.StartAsync(profile, cancellation.Token);
    currentCluster = cluster;
    ResourceProbe.PostmasterId = cluster.PostmasterId;
    database = await cluster.DescribeAsync(cancellation.Token);
    Console.WriteLine($"PostgreSQL on 127.0.0.1:{cluster.Port}, changed settings: {string.Join(", ", PostgresCluster.ConfigLines)}");
    var token = cancellation.Token;
    var baseline = double.NaN;
    var startsPerSecond = 50.0;
    await Step("a", "raw Hangfire", async () => baseline = await HangfireBaseline.RunAsync(cluster, sizes, table, token));
    await Step("b", "engine", async () => startsPerSecond = await EngineThroughput.RunAsync(cluster, sizes, baseline, table, token));
    await Step("c", "timer lateness", () => TimerLateness.RunAsync(cluster, sizes, startsPerSecond, table, token));
    await Step("d", "waiting instances", () => WaitingInstances.RunAsync(cluster, sizes, table, token));
    await Step("f", "physical limit", () => PhysicalLimit.RunAsync(cluster, sizes, table, token));
    await Step("i", "scoped task completions", () => ScopedCompletions.RunAsync(cluster, sizes, table, token));
    await Step("j", "sign-in", () => SignInCost.RunAsync(cluster, sizes, table, token));
    await Step("l", "year at a glance", () => CycleOverview.RunAsync(cluster, sizes, table, token));
    await Step("m", "national ledger workbook", () => LedgerImport.RunAsync(cluster, table, token));
    currentCluster = null;
}

await Step("g", "notice rendering", () => NoticeRendering.RunAsync(sizes, table, cancellation.Token));
await Step("h", "SMTP delivery", () => SmtpDelivery.RunAsync(sizes, table, cancellation.Token));
await Step("k", "designer first render", () => DesignerOpen.RunAsync(sizes, table, cancellation.Token));

Console.WriteLine();
Console.WriteLine($"## Results ({(quick ? "quick" : "full")} run, {clock.Elapsed.TotalMinutes:0.0} min)");
Console.WriteLine();
Console.WriteLine(table.ToMarkdown());
Console.WriteLine("Machine:");
foreach (var line in machine.Concat(database))
{
    Console.WriteLine($"- {line}");
}

return table.HasErrors ? 1 : 0;

async Task Step(string id, string name, Func<Task> run)
{
    if (!only.Contains(id))
    {
        return;
    }

    Console.WriteLine($"[{clock.Elapsed:mm\\:ss}] ({id}) {name}");
    try
    {
        await run();
        foreach (var line in currentCluster is null ? [] : await currentCluster.TopStatementsAsync(15, cancellation.Token))
        {
            Console.WriteLine($"    {line}");
        }
    }
    catch (Exception e) when (e is not OperationCanceledException || !cancellation.IsCancellationRequested)
    {
        table.AddError(id, name, e);
    }
}
