namespace Reduction.Workflows.Auditing;

/// <summary>An archive was asked for entries younger than the retention allows (or with a retention below
/// <see cref="AuditRetention.Minimum"/>): nothing was archived.</summary>
public sealed class AuditRetentionException : Exception
{
    public AuditRetentionException()
    {
    }

    public AuditRetentionException(string message)
        : base(message)
    {
    }

    public AuditRetentionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public AuditRetentionException(DateTimeOffset cutoff, DateTimeOffset latestCutoff, TimeSpan retention)
        : base($"cutoff {cutoff:O} is within the audit retention of {retention.TotalDays:0.##} days: entries before {latestCutoff:O} at the latest may be archived")
    {
        Cutoff = cutoff;
        LatestCutoff = latestCutoff;
    }

    public DateTimeOffset? Cutoff { get; }

    /// <summary>The latest cutoff the retention allowed when the archive was refused.</summary>
    public DateTimeOffset? LatestCutoff { get; }
}
