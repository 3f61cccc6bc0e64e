namespace Reduction.Benchmarks;

/// <summary>How big each measurement is: the full run (about ten minutes on two cores) or <c>--quick</c>.</summary>
internal sealed record BenchmarkSizes
{
    public static BenchmarkSizes Full { get; } = new();

    public static BenchmarkSizes Quick { get; } = new()
    {
        BaselineJobs = 500,
        EngineInstances = 200,
        Timers = 100,
        TimerWindow = TimeSpan.FromSeconds(10),
        LargeWaiting = 10_000,
        LatencySamples = 100,
        ServeResumes = 300,
        PgbenchScale = 2,
        PgbenchSeconds = 5,
        Tasks = 300,
        TaskWarmup = 300,
        TaskWarmupRound = 100,
        NoticeRenders = 500,
        SmtpMessages = 100,
        ScopedTasks = 300,
        ScopedWarmup = 150,
        SignIns = 30,
        DesignerOpens = 10,
        OverviewSamples = 10,
    };

    /// <summary>(a) trivial jobs enqueued, then drained.</summary>
    public int BaselineJobs { get; init; } = 3_000;

    /// <summary>(b) instances of the ten-activity workflow.</summary>
    public int EngineInstances { get; init; } = 1_000;

    /// <summary>(c) timers, spread evenly over <see cref="TimerWindow"/>.</summary>
    public int Timers { get; init; } = 1_000;

    public TimeSpan TimerWindow { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>(d) the two database sizes, in waiting instances.</summary>
    public int SmallWaiting { get; init; } = 1_000;

    public int LargeWaiting { get; init; } = 100_000;

    /// <summary>(d) versions of the definition in the many-versions case.</summary>
    public int Versions { get; init; } = 50;

    /// <summary>(d) timed resumes per case (after warm-up).</summary>
    public int LatencySamples { get; init; } = 300;

    /// <summary>(e) resumes the server process serves.</summary>
    public int ServeResumes { get; init; } = 1_000;

    /// <summary>(f) pgbench scale factor (100,000 accounts each) and duration.</summary>
    public int PgbenchScale { get; init; } = 10;

    public int PgbenchSeconds { get; init; } = 20;

    /// <summary>(f) tasks completed through TaskService.</summary>
    public int Tasks { get; init; } = 2_000;

    /// <summary>(f) at most this many further tasks issued with them and completed first, untimed, in rounds of
    /// <see cref="TaskWarmupRound"/> until a round leaves the JIT nearly quiet, so that the timed completions run on
    /// warm code (JIT tiering, EF Core's query and update caches, pooled and prepared connections) as in a server that
    /// has been running for a while.</summary>
    public int TaskWarmup { get; init; } = 6_000;

    public int TaskWarmupRound { get; init; } = 250;

    /// <summary>(g) notices rendered per timed round, by NoticeRenderer and by bare Scriban each.</summary>
    public int NoticeRenders { get; init; } = 2_000;

    /// <summary>(h) messages sent to smtp4dev over one reused connection, and again one connection each.</summary>
    public int SmtpMessages { get; init; } = 200;

    /// <summary>(i) tasks completed per path (engine, scoped, API), timed, after <see cref="ScopedWarmup"/> untimed
    /// ones per path; the timed ones in <see cref="ScopedRounds"/> rounds taken in turn.</summary>
    public int ScopedTasks { get; init; } = 2_000;

    public int ScopedWarmup { get; init; } = 1_000;

    public int ScopedRounds { get; init; } = 4;

    /// <summary>(j) sign-ins of one account, and bare password checks of it, each.</summary>
    public int SignIns { get; init; } = 100;

    /// <summary>(k) designer openings of each definition, and loads without the designer, each.</summary>
    public int DesignerOpens { get; init; } = 40;

    /// <summary>(l) timed overviews of the national-scale year, and bare counts of its tasks, each.</summary>
    public int OverviewSamples { get; init; } = 40;

    /// <summary>Concurrent callers wherever the benchmark itself drives the runtime (starts, completions, resumes).</summary>
    public int Callers { get; init; } = 10;
}
