namespace Reduction.Workflows.Definitions;

/// <summary>Who publishes, from where, and why: recorded with the version.</summary>
/// <param name="Source">A <see cref="DefinitionSources"/> code, or null when unknown.</param>
/// <param name="SourceName">The file name for a file, the account for the designer.</param>
public sealed record PublishOrigin(string? Source, string? SourceName, string PublishedBy, string? Note = null, string? FileHash = null)
{
    /// <summary>The server itself, when nothing else is said (older callers, simulations).</summary>
    public static PublishOrigin Unspecified { get; } = new(null, null, "system");

    public static PublishOrigin FromFile(string fileName, string fileHash) => new(DefinitionSources.File, fileName, "system", FileHash: fileHash);

    public static PublishOrigin FromDesigner(string account, string? note) => new(DefinitionSources.Designer, account, account, note);
}
