using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Reduction.Server.Tests.Api;

/// <summary>Every log line of an in-process server (at the levels the server's configuration lets through).</summary>
internal sealed class LogCapture : ILoggerProvider
{
    private readonly ConcurrentQueue<(string Category, LogLevel Level, string Message)> _lines = new();

    public IReadOnlyList<(string Category, LogLevel Level, string Message)> Lines => [.. _lines];

    /// <summary>The lines at warning or above, one per line, for assertions and failure messages.</summary>
    public string Warnings => string.Join('\n', Lines.Where(l => l.Level >= LogLevel.Warning).Select(l => $"{l.Level} {l.Category}: {l.Message}"));

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _lines);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<(string, LogLevel, string)> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines.Enqueue((category, logLevel, formatter(state, exception)));
    }
}
