namespace Reduction.Server.Health;

/// <summary>What this process's Hangfire server last reported about itself (see <see cref="HangfireServerMonitor"/>).</summary>
public sealed class HangfireServerState
{
    private readonly Lock _lock = new();
    private string? _serverId;
    private long _lastSeen;

    /// <summary>The id Hangfire gave this process's server (`host:pid:guid`); it changes when Hangfire restarts the server.</summary>
    public string? ServerId
    {
        get
        {
            lock (_lock)
            {
                return _serverId;
            }
        }
    }

    /// <summary>When the server last ticked, as a <see cref="TimeProvider.GetTimestamp"/> of the real clock (the drill
    /// clock's timestamps are real too), so a moved drill clock never makes the server look silent.</summary>
    public long LastSeen
    {
        get
        {
            lock (_lock)
            {
                return _lastSeen;
            }
        }
    }

    internal void Seen(string serverId, long timestamp)
    {
        lock (_lock)
        {
            _serverId = serverId;
            _lastSeen = timestamp;
        }
    }
}
