namespace Reduction.Workflows.Auditing;

/// <summary>What one archive run did: the file written (null when no entry was old enough), the entries moved there
/// and the SHA-256 of the file.</summary>
public sealed record AuditArchiveResult(string? File, long Count, long First, long Last, string? FileSha256)
{
    public static AuditArchiveResult Nothing { get; } = new(null, 0, 0, 0, null);
}
