namespace Reduction.Workflows.Persistence;

/// <summary>A place where an instance waits. One-shot bookmarks are consumed by their first resume;
/// a task bookmark lives until its activity completes.</summary>
public sealed class BookmarkRecord
{
    public Guid Id { get; set; }

    public Guid InstanceId { get; set; }

    public required string ActivityId { get; set; }

    /// <summary>timer, signal, task, child, retry.</summary>
    public required string Kind { get; set; }

    /// <summary>Lookup key for signals (`name` or `name:correlation`).</summary>
    public string? Key { get; set; }

    public string? PayloadJson { get; set; }

    public bool OneShot { get; set; } = true;

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? ConsumedAt { get; set; }
}
