using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Reduction.Identity.Hosting;

namespace Reduction.Server.Access;

/// <summary>Counts failed sign-ins per client address over a sliding window; at the limit, further attempts from that
/// address are refused (even with the right password, or guessing would go on) until the oldest failure leaves the
/// window. Accounts lock on their own after fewer failures; this stops one address from trying many accounts. A success
/// clears the address. Real elapsed time, never the drill clock.</summary>
internal sealed class SignInThrottle(IOptionsMonitor<SecurityOptions> options)
{
    /// <summary>More addresses than this and the oldest entries are dropped, so a flood from many addresses cannot
    /// fill the memory.</summary>
    private const int MaxAddresses = 10_000;

    private readonly ConcurrentDictionary<string, Queue<long>> _failures = new(StringComparer.Ordinal);
    private readonly TimeProvider _time = TimeProvider.System;

    /// <summary>How long the address must wait before trying again; null when it may try now.</summary>
    public TimeSpan? RetryAfter(string client)
    {
        if (!_failures.TryGetValue(client, out var failures))
        {
            return null;
        }

        var (limit, window) = Settings();
        lock (failures)
        {
            Prune(failures, window);
            return failures.Count >= limit ? window - _time.GetElapsedTime(failures.Peek()) : null;
        }
    }

    /// <summary>Records a failure; returns how many failures the address has in the window.</summary>
    public int Fail(string client)
    {
        if (_failures.Count >= MaxAddresses)
        {
            _failures.Clear();
        }

        var failures = _failures.GetOrAdd(client, _ => new Queue<long>());
        var (_, window) = Settings();
        lock (failures)
        {
            Prune(failures, window);
            failures.Enqueue(_time.GetTimestamp());
            return failures.Count;
        }
    }

    public void Succeed(string client) => _failures.TryRemove(client, out _);

    private (int Limit, TimeSpan Window) Settings()
    {
        var security = options.CurrentValue;
        return (Math.Max(1, security.AddressFailureLimit), security.FailureWindow > TimeSpan.Zero ? security.FailureWindow : TimeSpan.FromMinutes(15));
    }

    private void Prune(Queue<long> failures, TimeSpan window)
    {
        while (failures.Count > 0 && _time.GetElapsedTime(failures.Peek()) >= window)
        {
            failures.Dequeue();
        }
    }
}
