namespace Reduction.Workflows.Auditing;

/// <summary>Audit entries waiting for the transaction of the action they record (see <see cref="AuditScope"/>):
/// written into the first transaction that commits while the scope is open, kept for the next attempt when that
/// commit fails, so a retried burst records its action once and a rolled-back one not at all.</summary>
internal sealed class PendingAudit(IReadOnlyList<AuditEntry> entries)
{
    public IReadOnlyList<AuditEntry> Entries { get; } = entries;

    /// <summary>The transaction the entries were written into and that has not finished committing yet.</summary>
    public object? WrittenIn { get; set; }

    public bool Committed { get; set; }

    /// <summary>Not for the next commit: the action changed nothing (see <see cref="AuditScope.NothingChanged"/>).</summary>
    public bool Held { get; set; }
}
