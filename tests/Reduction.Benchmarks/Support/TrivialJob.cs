namespace Reduction.Benchmarks.Support;

/// <summary>The baseline's job: the same shape as the runtime's jobs (an id and a token), doing nothing.</summary>
public sealed class TrivialJob
{
    public Task ExecuteAsync(Guid id, CancellationToken cancellationToken) => Task.CompletedTask;
}
