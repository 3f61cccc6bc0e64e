namespace Reduction.Notifications.Links;

/// <summary>What a presented token turned out to be.</summary>
public enum TaskLinkStatus
{
    /// <summary>Opens the task for its party.</summary>
    Valid,

    /// <summary>The task closed longer ago than the grace period.</summary>
    Expired,

    /// <summary>Revoked, replaced by a re-issued link, or the task moved to another party.</summary>
    Revoked,

    /// <summary>Malformed, forged or unknown: nothing more is said.</summary>
    Invalid,
}
