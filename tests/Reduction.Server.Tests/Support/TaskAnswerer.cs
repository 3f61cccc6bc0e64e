using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using Reduction.Workflows.Persistence;

namespace Reduction.Server.Tests.Support;

/// <summary>Plays the prefectures: keeps answering the open tasks of a workflow through the admin API, through
/// crashes and outages (failed calls are simply tried again later). Tasks already late are answered only once the
/// runtime has marked them overdue, so their escalation has had its chance to fire.</summary>
internal sealed class TaskAnswerer(AdminClient admin, DrillDatabase database, string definitionId)
{
    private readonly ConcurrentDictionary<HttpStatusCode, int> _answers = new();
    private int _failures;

    public IReadOnlyDictionary<HttpStatusCode, int> Answers => _answers;

    public int Failures => _failures;

    public async Task RunAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                var now = DateTimeOffset.UtcNow;
                var due = (await database.OpenTasksAsync(definitionId)).Where(t => t.LateFrom > now || t.Status == TaskState.Overdue).ToList();
                await Parallel.ForEachAsync(due, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = stop }, async (task, ct) =>
                {
                    try
                    {
                        using var response = await admin.CompleteAsync(task.Id, new JsonObject { ["summary"] = "按期报送" }, "drill", ct);
                        _answers.AddOrUpdate(response.StatusCode, 1, (_, n) => n + 1);
                    }
                    catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
                    {
                        Interlocked.Increment(ref _failures);
                    }
                });
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception) when (!stop.IsCancellationRequested)
            {
                // The database itself is away (outage drill): try again shortly.
                Interlocked.Increment(ref _failures);
            }

            try
            {
                await Task.Delay(300, stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    public override string ToString() =>
        string.Join(", ", _answers.OrderBy(a => a.Key).Select(a => $"{(int)a.Key}×{a.Value}")) + $", {_failures} calls failed (server or database away)";
}
