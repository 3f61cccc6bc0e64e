using System.Collections.Concurrent;
using Hangfire;
using Hangfire.Common;
using Hangfire.States;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Reduction.Testing;
using Reduction.Workflows.Hosting;
using Reduction.Workflows.Notices;
using Reduction.Workflows.Persistence;
using Reduction.Workflows.Scheduling;

namespace Reduction.Workflows.Tests.Hosting;

/// <summary>Notices reach Hangfire without making the burst wait: hand-offs close together share one delivery job,
/// none is left without a job, a refused hand-off costs nothing but a log line, and shutting down still creates the
/// job for the last ones.</summary>
public class NoticeHandOffTests(PostgresServer postgres) : IClassFixture<PostgresServer>
{
    private const string NoticeWorkflow = """
        {
          "id": "notice-test",
          "name": "通知（测试）",
          "triggers": [{ "kind": "manual" }],
          "activities": [
            { "id": "start", "type": "Start" },
            { "id": "notice", "type": "SendNotice", "inputs": { "template": "result", "recipientRoles": ["epb"] } },
            { "id": "end", "type": "End" }
          ],
          "connections": [
            { "from": "start", "outcome": "done", "to": "notice" },
            { "from": "notice", "outcome": "done", "to": "end" }
          ]
        }
        """;

    [Fact]
    public async Task EnqueueNotice_ThousandFromEightThreads_ReturnsAtOnceAndFewJobsCarryThemAll()
    {
        var jobs = new RecordingJobClient();
        await using var scheduler = Scheduler(jobs, TimeSpan.FromMilliseconds(50));

        Parallel.For(0, 1000, new ParallelOptions { MaxDegreeOfParallelism = 8 }, _ => scheduler.EnqueueNotice(Guid.NewGuid()));

        Assert.True(await scheduler.FlushAsync(TimeSpan.FromSeconds(10)));
        var (notices, created) = scheduler.NoticeHandOffs;
        Assert.Equal(1000, notices);
        Assert.InRange(created, 1, 100);
        Assert.Equal(created, jobs.Created.Count);
        Assert.All(jobs.Created, job =>
        {
            Assert.Equal(typeof(NoticeJob), job.Type);
            Assert.Equal(nameof(NoticeJob.DeliverDueAsync), job.Method.Name);
        });
    }

    [Fact]
    public async Task EnqueueNotice_OneAtATimeWithoutDelay_EveryHandOffGetsAJobAfterIt()
    {
        // A hand-off racing the drain's exit must start it again or find it running: never be left without a job.
        var jobs = new RecordingJobClient();
        await using var scheduler = Scheduler(jobs, TimeSpan.Zero);
        for (var i = 1; i <= 300; i++)
        {
            scheduler.EnqueueNotice(Guid.NewGuid());
            Assert.True(await scheduler.FlushAsync(TimeSpan.FromSeconds(10)), $"hand-off {i} flushed");
            Assert.Equal(i, scheduler.NoticeHandOffs.Notices);
        }

        Assert.InRange(jobs.Created.Count, 1, 300);
        Assert.Equal(jobs.Created.Count, scheduler.NoticeHandOffs.Jobs);
    }

    [Fact]
    public async Task EnqueueNotice_HangfireRefuses_CallerUnaffectedThenTheNextHandOffGetsItsJob()
    {
        var jobs = new RecordingJobClient { Refuse = true };
        await using var scheduler = Scheduler(jobs, TimeSpan.Zero);

        scheduler.EnqueueNotice(Guid.NewGuid());
        Assert.True(await scheduler.FlushAsync(TimeSpan.FromSeconds(10)));
        Assert.Empty(jobs.Created);
        Assert.Equal((0L, 0L), scheduler.NoticeHandOffs);

        jobs.Refuse = false;
        scheduler.EnqueueNotice(Guid.NewGuid());
        Assert.True(await scheduler.FlushAsync(TimeSpan.FromSeconds(10)));
        Assert.Single(jobs.Created);
    }

    [Fact]
    public void Dispose_RightAfterAHandOff_CreatesItsJobFirst()
    {
        var jobs = new RecordingJobClient();
        var scheduler = Scheduler(jobs, TimeSpan.FromMilliseconds(200));
        scheduler.EnqueueNotice(Guid.NewGuid());

        scheduler.Dispose();

        Assert.Single(jobs.Created);
    }

    [Fact]
    public async Task Runtime_OnPostgresWithHangfireServer_NoticesOfManyBurstsDeliveredByFewerJobs()
    {
        var delivery = new MarkingDelivery();
        await using var host = await WorkflowTestHost.StartPostgresAsync(
            await postgres.CreateDatabaseAsync(),
            settings: new Dictionary<string, string?> { ["Hangfire:NoticeHandOffDelay"] = "00:00:00.100" },
            services: s => s.AddSingleton<INoticeDelivery>(delivery));
        delivery.Database = host.Database;
        await host.PublishAsync(NoticeWorkflow);

        await Parallel.ForEachAsync(Enumerable.Range(0, 40), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, _) => await host.Runtime.StartAsync("notice-test"));

        await WorkflowTestHost.EventuallyAsync(
            async () =>
            {
                await using var db = host.Database.CreateContext();
                return await db.Notices.CountAsync(n => n.Status == NoticeStatus.Sent) == 40 ? "all sent" : null;
            },
            TimeSpan.FromSeconds(30),
            "every notice delivered");
        // A job created for earlier notices may have sent later ones (they were due) before their own hand-off's job
        // was stored: the counts are final once the drain is idle.
        var scheduler = Assert.IsType<HangfireWorkflowScheduler>(host.Runtime.Scheduler);
        Assert.True(await scheduler.FlushAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(40, scheduler.NoticeHandOffs.Notices);
        Assert.InRange(scheduler.NoticeHandOffs.Jobs, 1, 39);
        Assert.Equal(40, delivery.Sent.Count);
        Assert.Equal(40, delivery.Sent.Distinct().Count());
        await WorkflowTestHost.EventuallyAsync(
            () => Task.FromResult(host.JobStorage.GetMonitoringApi().SucceededListCount() == scheduler.NoticeHandOffs.Jobs ? "done" : null),
            TimeSpan.FromSeconds(30),
            "every delivery job succeeded");
    }

    private static HangfireWorkflowScheduler Scheduler(IBackgroundJobClient jobs, TimeSpan delay) =>
        new(jobs, Options.Create(new WorkflowHangfireOptions { NoticeHandOffDelay = delay }));

    private sealed class RecordingJobClient : IBackgroundJobClient
    {
        public ConcurrentQueue<Job> Created { get; } = new();

        public bool Refuse { get; set; }

        public string Create(Job job, IState state)
        {
            if (Refuse)
            {
                throw new BackgroundJobClientException("storage away", new InvalidOperationException("storage away"));
            }

            Created.Enqueue(job);
            return Created.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        public bool ChangeState(string jobId, IState state, string expectedState) => false;
    }

    /// <summary>Marks every due pending row sent, as mail delivery would, and remembers which.</summary>
    private sealed class MarkingDelivery : INoticeDelivery
    {
        public WorkflowDatabase? Database { get; set; }

        public ConcurrentQueue<Guid> Sent { get; } = new();

        public Task DeliverAsync(Guid noticeId, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("the scheduler creates deliver-due jobs only");

        public async Task<int> DeliverDueAsync(CancellationToken cancellationToken = default)
        {
            await using var db = Database!.CreateContext();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var due = await db.Notices.FromSqlRaw("""SELECT * FROM workflows.notice_outbox WHERE "Status" = 'Pending' FOR UPDATE SKIP LOCKED""").ToListAsync(cancellationToken);
            foreach (var notice in due)
            {
                notice.Status = NoticeStatus.Sent;
                Sent.Enqueue(notice.Id);
            }

            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return due.Count;
        }
    }
}
