namespace Reduction.Workflows.Auditing;

/// <summary>The result of checking an archive file on its own: intact with its head, or the first entry that does not
/// verify (null when the entries verify but the head does not) and why. <see cref="FileSha256"/> is the file's
/// SHA-256, to compare with the database's record of the archive.</summary>
public sealed record AuditArchiveVerification(bool Intact, long Entries, long? BrokenAt, string? Reason, AuditArchiveHead? Head, string FileSha256);
