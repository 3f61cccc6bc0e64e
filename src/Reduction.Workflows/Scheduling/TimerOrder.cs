using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Reduction.Workflows.Scheduling;

/// <summary>The order in which the timers of one instance fire, on every scheduler: by due instant, then by creation.
/// Timer ids carry the creation order (<see cref="NewId"/>), so at one instant a task's due transition, created first,
/// comes before its escalation steps, and the steps keep their chain order.</summary>
internal static class TimerOrder
{
    private static readonly Lock Gate = new();
    private static long _lastMilliseconds;
    private static int _counter;

    /// <summary>A version-7 id above every id this process made before. <see cref="Guid.CreateVersion7()"/> fills the bits
    /// after the millisecond with random ones, so timers made in one burst would sort at random; here they hold a counter
    /// (RFC 9562, 6.2 method 1) that borrows the next millisecond when it runs out. PostgreSQL's uuid, SQLite's text form
    /// and <see cref="Guid.CompareTo(Guid)"/> all sort these ids alike.</summary>
    public static Guid NewId()
    {
        long milliseconds;
        int counter;
        lock (Gate)
        {
            var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            if (now > _lastMilliseconds)
            {
                _lastMilliseconds = now;
                _counter = 0;
            }
            else if (++_counter > 0xFFF)
            {
                _lastMilliseconds++;
                _counter = 0;
            }

            milliseconds = _lastMilliseconds;
            counter = _counter;
        }

        Span<byte> bytes = stackalloc byte[16];
        BinaryPrimitives.WriteInt64BigEndian(bytes, milliseconds << 16);
        RandomNumberGenerator.Fill(bytes[8..]);
        bytes[6] = (byte)(0x70 | (counter >> 8));
        bytes[7] = (byte)counter;
        bytes[8] = (byte)(0x80 | (bytes[8] & 0x3F));
        return new Guid(bytes, bigEndian: true);
    }

    /// <summary>Negative when the timer (<paramref name="dueAt"/>, <paramref name="id"/>) fires before the other.</summary>
    public static int Compare(DateTimeOffset dueAt, Guid id, DateTimeOffset otherDueAt, Guid otherId)
    {
        var byDue = dueAt.CompareTo(otherDueAt);
        return byDue != 0 ? byDue : id.CompareTo(otherId);
    }
}
