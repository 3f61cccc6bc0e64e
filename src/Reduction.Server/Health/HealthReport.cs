namespace Reduction.Server.Health;

/// <summary>Answer of `/health`: <see cref="Status"/> is `ok` only when the database answers and this process's job
/// server is alive; <see cref="Server"/> is the job server's id (which server ran a job is kept by Hangfire);
/// <see cref="Clock"/> is `system`, or `drill` when the server runs on the drill clock (see `GET /api/clock`);
/// <see cref="Timers"/> is `ok`, or how many timers are late beyond what the timer pumps should allow (informational:
/// it does not change <see cref="Status"/>, since restarting this process would not fire them sooner).</summary>
public sealed record HealthReport(string Status, string Database, string Jobs, string? Server, string Clock, string Timers);
