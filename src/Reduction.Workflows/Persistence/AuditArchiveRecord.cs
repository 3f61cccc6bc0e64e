namespace Reduction.Workflows.Persistence;

/// <summary>One archive of the audit log's oldest entries (<see cref="Auditing.AuditArchiver"/>): the entries
/// <see cref="FirstSequence"/>–<see cref="LastSequence"/> were moved to <see cref="FileName"/>. The archives form a
/// chain of their own (each starts where the one before ended), and the last one anchors the live log: its first entry
/// must link to <see cref="LastHash"/>, so rows deleted from the start of the log without an archive are detected.</summary>
public sealed class AuditArchiveRecord
{
    public long FirstSequence { get; set; }

    public long LastSequence { get; set; }

    public long Count { get; set; }

    /// <summary>The hash the first archived entry links to: the genesis value or the previous archive's last hash.</summary>
    public required string PreviousHash { get; set; }

    public required string LastHash { get; set; }

    /// <summary>The file's name in the archive folder (the folder itself is configuration and may move).</summary>
    public required string FileName { get; set; }

    /// <summary>SHA-256 of the whole file as written, head line included.</summary>
    public required string FileSha256 { get; set; }

    /// <summary>Only entries before this instant were archived.</summary>
    public DateTimeOffset Cutoff { get; set; }

    public DateTimeOffset ArchivedAt { get; set; }
}
