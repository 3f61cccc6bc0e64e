namespace Reduction.Workflows.Auditing;

/// <summary>The last line of an archive file: the archive's own chain head. <see cref="PreviousHash"/> is what the
/// first entry links to (the genesis value or the previous archive's last hash), <see cref="EntriesSha256"/> the SHA-256
/// of every line before this one, bytes as written.</summary>
public sealed record AuditArchiveHead(
    long First,
    long Last,
    long Count,
    string PreviousHash,
    string FirstHash,
    string LastHash,
    string EntriesSha256,
    DateTimeOffset Cutoff,
    DateTimeOffset ArchivedAt);
