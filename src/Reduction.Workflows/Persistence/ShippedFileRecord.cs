namespace Reduction.Workflows.Persistence;

/// <summary>The last state of a definition's file in the workflows folder that the server published: the file is
/// published again only when its bytes change, so a version published in the designer outlives restarts.</summary>
public sealed class ShippedFileRecord
{
    public required string DefinitionId { get; set; }

    public required string FileName { get; set; }

    /// <summary>SHA-256 of the file's bytes.</summary>
    public required string FileHash { get; set; }

    /// <summary>The version the file's content was in force as when it was published (new, or an equal latest).</summary>
    public int Version { get; set; }

    public DateTimeOffset PublishedAt { get; set; }
}
