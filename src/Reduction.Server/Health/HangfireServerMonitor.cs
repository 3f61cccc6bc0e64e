using Hangfire.Server;

namespace Reduction.Server.Health;

/// <summary>A background process inside this process's Hangfire server: it learns the server's id and proves, by
/// ticking, that the server's processing loop is alive. Touches no storage, so it keeps ticking through outages.</summary>
internal sealed class HangfireServerMonitor(HangfireServerState state, TimeProvider time) : IBackgroundProcess
{
    public static readonly TimeSpan Tick = TimeSpan.FromSeconds(2);

    public void Execute(BackgroundProcessContext context)
    {
        state.Seen(context.ServerId, time.GetTimestamp());
        context.Wait(Tick);
    }
}
