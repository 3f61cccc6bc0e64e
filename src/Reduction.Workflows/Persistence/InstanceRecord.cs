namespace Reduction.Workflows.Persistence;

/// <summary>A running or finished instance; <see cref="StateJson"/> holds variables and activity states.</summary>
public sealed class InstanceRecord
{
    public Guid Id { get; set; }

    public required string DefinitionId { get; set; }

    public int DefinitionVersion { get; set; }

    public InstanceStatus Status { get; set; }

    /// <summary>Suspended instances keep their underlying status here to return to it.</summary>
    public required string StateJson { get; set; }

    public Guid? ParentInstanceId { get; set; }

    public Guid? ParentBookmarkId { get; set; }

    /// <summary>Business key, unique when set (e.g. `annual-cycle:2015`): a second start with it is refused.</summary>
    public string? CorrelationKey { get; set; }

    /// <summary>The last unhandled error (incident) while Faulted.</summary>
    public string? Incident { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public DateTimeOffset? FinishedAt { get; set; }

    /// <summary>Optimistic concurrency token, incremented by every burst.</summary>
    public int Revision { get; set; }
}
