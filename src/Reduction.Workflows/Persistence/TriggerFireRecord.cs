namespace Reduction.Workflows.Persistence;

/// <summary>Marks a cron occurrence as started, so one occurrence starts one instance whatever the republishes and restarts.</summary>
public sealed class TriggerFireRecord
{
    /// <summary>`{definitionId}:{occurrence in UTC, ISO 8601}`.</summary>
    public required string Key { get; set; }

    public Guid InstanceId { get; set; }

    public DateTimeOffset FiredAt { get; set; }
}
