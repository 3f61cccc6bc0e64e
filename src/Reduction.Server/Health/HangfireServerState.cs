namespace Reduction.Server.Health;

/// <summary>What this process's Hangfire server last reported about itself (see <see cref="HangfireServerMonitor"/>).</summary>
public sealed class HangfireServerState
{
    private readonly Lock _lock = new();
    private string? _serverId;
    private DateTimeOffset _lastSeen;

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

    public DateTimeOffset LastSeen
    {
        get
        {
            lock (_lock)
            {
                return _lastSeen;
            }
        }
    }

    internal void Seen(string serverId, DateTimeOffset at)
    {
        lock (_lock)
        {
            _serverId = serverId;
            _lastSeen = at;
        }
    }
}
