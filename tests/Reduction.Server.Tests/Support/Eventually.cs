namespace Reduction.Server.Tests.Support;

/// <summary>Bounded polling: every wait in these tests ends, with a message saying what did not happen.</summary>
internal static class Eventually
{
    public static async Task<T> ReturnsAsync<T>(Func<Task<T?>> probe, TimeSpan timeout, string what, TimeSpan? every = null)
        where T : class
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        while (true)
        {
            if (await probe() is { } value)
            {
                return value;
            }

            if (DateTimeOffset.UtcNow > deadline)
            {
                throw new TimeoutException($"{what}: not within {timeout.TotalSeconds:0} s");
            }

            await Task.Delay(every ?? TimeSpan.FromMilliseconds(250));
        }
    }

    public static Task TrueAsync(Func<Task<bool>> probe, TimeSpan timeout, string what, TimeSpan? every = null) =>
        ReturnsAsync(async () => await probe() ? "yes" : null, timeout, what, every);
}
