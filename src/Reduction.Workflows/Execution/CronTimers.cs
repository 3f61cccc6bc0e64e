using Cronos;
using Reduction.Workflows.Definitions;
using Reduction.Workflows.Persistence;
using Reduction.Workflows.Scheduling;

namespace Reduction.Workflows.Execution;

/// <summary>The timers of cron triggers: publishing lays the first, each fire lays the next.</summary>
internal static class CronTimers
{
    public const string Purpose = "cron";

    /// <summary>The timer of the trigger's next occurrence after <paramref name="after"/>; null for a trigger that is not
    /// a cron trigger or has no further occurrence.</summary>
    public static TimerRecord? Next(WorkflowDefinition definition, int triggerIndex, DateTimeOffset after, DateTimeOffset now)
    {
        var trigger = definition.Triggers[triggerIndex];
        if (!string.Equals(trigger.Kind, "cron", StringComparison.Ordinal) || string.IsNullOrWhiteSpace(trigger.Cron))
        {
            return null;
        }

        var (cron, zone) = CronOf(trigger);
        var next = cron.GetNextOccurrence(after, zone);
        if (next is null)
        {
            return null;
        }

        return new TimerRecord
        {
            Id = TimerOrder.NewId(),
            InstanceId = Guid.Empty,
            BookmarkId = Guid.Empty,
            DueAt = next.Value.ToUniversalTime(),
            Status = TimerStatus.Pending,
            Purpose = Purpose,
            PayloadJson = new CronPayload(definition.Id, definition.Version, triggerIndex).ToJson(),
            CreatedAt = now,
        };
    }

    /// <summary>The latest occurrence of <paramref name="cron"/> from <paramref name="first"/> (an occurrence) up to
    /// <paramref name="now"/>. Looks back over windows doubling from a minute, so a minutely cron after a year away costs
    /// a few enumerations, not half a million.</summary>
    public static DateTimeOffset LatestOccurrence(CronExpression cron, TimeZoneInfo zone, DateTimeOffset first, DateTimeOffset now)
    {
        if (now <= first)
        {
            return first;
        }

        for (var window = TimeSpan.FromMinutes(1); ; window *= 2)
        {
            var from = now - first <= window ? first : now - window;
            var latest = cron.GetOccurrences(from, now, zone, fromInclusive: true, toInclusive: true).Select(o => (DateTimeOffset?)o).LastOrDefault();
            if (latest is { } found)
            {
                return found.ToUniversalTime();
            }

            if (from == first)
            {
                return first;
            }
        }
    }

    public static (CronExpression Cron, TimeZoneInfo Zone) CronOf(TriggerDefinition trigger) =>
        (CronExpression.Parse(trigger.Cron!), TimeZoneInfo.FindSystemTimeZoneById(trigger.TimeZone ?? "Asia/Shanghai"));
}
