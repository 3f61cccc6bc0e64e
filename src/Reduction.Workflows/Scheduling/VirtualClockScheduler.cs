using Reduction.Workflows.Execution;

namespace Reduction.Workflows.Scheduling;

/// <summary>In-process scheduler over a settable clock: runs months of timers in seconds for tests and
/// `reduction simulate`. The clock only moves when <see cref="RunUntilAsync"/> advances it to the next due timer.</summary>
public sealed class VirtualClockScheduler : IWorkflowScheduler
{
    private readonly PriorityQueue<Guid, (DateTimeOffset DueAt, long Sequence)> _timers = new();
    private readonly Queue<Guid> _effects = new();
    private readonly Queue<Guid> _notices = new();
    private readonly Lock _lock = new();
    private readonly Action<DateTimeOffset> _setClock;
    private readonly Func<DateTimeOffset> _now;
    private long _sequence;

    /// <param name="now">Reads the virtual clock.</param>
    /// <param name="setClock">Moves the virtual clock forward (e.g. FakeTimeProvider.SetUtcNow).</param>
    public VirtualClockScheduler(Func<DateTimeOffset> now, Action<DateTimeOffset> setClock)
    {
        _now = now;
        _setClock = setClock;
    }

    /// <summary>Set once the runtime exists (it needs the scheduler to be built).</summary>
    public WorkflowRuntime? Runtime { get; set; }

    /// <summary>Receives notice ids as they are queued (delivery is another module's concern).</summary>
    public Func<Guid, CancellationToken, Task>? NoticeHandler { get; set; }

    public bool PollsTimers => false;

    public string? ScheduleTimer(Guid timerId, DateTimeOffset dueAt)
    {
        lock (_lock)
        {
            _timers.Enqueue(timerId, (dueAt, _sequence++));
        }

        return $"virtual:{timerId:N}";
    }

    public void EnqueueEffect(Guid effectId)
    {
        lock (_lock)
        {
            _effects.Enqueue(effectId);
        }
    }

    public void EnqueueNotice(Guid noticeId)
    {
        lock (_lock)
        {
            _notices.Enqueue(noticeId);
        }
    }

    /// <summary>Runs everything runnable now (effects, notices, due timers) without moving the clock.</summary>
    public Task RunPendingAsync(CancellationToken cancellationToken = default) => RunUntilAsync(_now(), cancellationToken);

    /// <summary>Advances the clock timer by timer up to <paramref name="until"/>, running each in order; returns how many timers fired.</summary>
    public async Task<int> RunUntilAsync(DateTimeOffset until, CancellationToken cancellationToken = default)
    {
        var runtime = Runtime ?? throw new InvalidOperationException("Runtime is not set");
        var fired = 0;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (TryDequeue(_effects, out var effectId))
            {
                await runtime.ExecuteEffectAsync(effectId, cancellationToken);
                continue;
            }

            if (TryDequeue(_notices, out var noticeId))
            {
                if (NoticeHandler is not null)
                {
                    await NoticeHandler(noticeId, cancellationToken);
                }

                continue;
            }

            Guid timerId;
            DateTimeOffset dueAt;
            lock (_lock)
            {
                if (!_timers.TryPeek(out timerId, out var priority) || priority.DueAt > until)
                {
                    break;
                }

                _timers.Dequeue();
                dueAt = priority.DueAt;
            }

            if (dueAt > _now())
            {
                _setClock(dueAt);
            }

            if (await runtime.FireTimerAsync(timerId, cancellationToken) == TimerFireOutcome.Fired)
            {
                fired++;
            }
        }

        if (until > _now())
        {
            _setClock(until);
        }

        return fired;
    }

    /// <summary>When the next timer is due, if any.</summary>
    public DateTimeOffset? NextDueAt
    {
        get
        {
            lock (_lock)
            {
                return _timers.TryPeek(out _, out var priority) ? priority.DueAt : null;
            }
        }
    }

    private bool TryDequeue(Queue<Guid> queue, out Guid id)
    {
        lock (_lock)
        {
            return queue.TryDequeue(out id);
        }
    }
}
