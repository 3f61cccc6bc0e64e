using Hangfire.AspNetCore;
using Hangfire.Logging;
using Microsoft.Extensions.Logging;

namespace Reduction.Workflows.Hosting;

/// <summary>Hangfire's log provider is process-wide, so it can outlive the host whose logger factory it was given
/// (several hosts in one test process, one stopped before the others). Hangfire then asking for a logger must not
/// throw: the stopped host's messages go nowhere instead.</summary>
internal sealed class StoppedHostSafeLogProvider(ILoggerFactory loggerFactory) : ILogProvider
{
    private readonly AspNetCoreLogProvider _inner = new(loggerFactory);

    public ILog GetLogger(string name)
    {
        try
        {
            return _inner.GetLogger(name);
        }
        catch (ObjectDisposedException)
        {
            return SilentLog.Instance;
        }
    }

    private sealed class SilentLog : ILog
    {
        public static readonly SilentLog Instance = new();

        public bool Log(Hangfire.Logging.LogLevel logLevel, Func<string>? messageFunc, Exception? exception = null) => false;
    }
}
