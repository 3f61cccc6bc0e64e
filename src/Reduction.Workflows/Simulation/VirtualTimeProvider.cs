namespace Reduction.Workflows.Simulation;

/// <summary>A clock that only moves when told: simulation runs months of deadlines in seconds.</summary>
public sealed class VirtualTimeProvider(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start.ToUniversalTime();

    public override DateTimeOffset GetUtcNow() => _now;

    /// <summary>Moves the clock forward; it never goes back.</summary>
    public void SetUtcNow(DateTimeOffset instant)
    {
        if (instant > _now)
        {
            _now = instant.ToUniversalTime();
        }
    }
}
