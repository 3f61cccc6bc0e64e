namespace Reduction.Workflows.Auditing;

/// <summary>
/// Ties audit entries to the change they record: within <c>using (AuditScope.Record(entry))</c> the first database
/// transaction that commits (a burst, a publish, an account change) writes the entries in the same transaction, by
/// <see cref="AuditCommitInterceptor"/>. Callers need not know which transaction the runtime opens.
/// </summary>
public static class AuditScope
{
    private static readonly AsyncLocal<PendingAudit?> Current = new();

    public static IDisposable Record(params AuditEntry[] entries)
    {
        var previous = Current.Value;
        var pending = new PendingAudit(entries);
        Current.Value = pending;
        return new Closer(previous);
    }

    /// <summary>True once the entries of the innermost open scope are committed (an action that turned out to change
    /// nothing, e.g. a duplicate submission, may then record its outcome separately).</summary>
    public static bool IsCommitted => Current.Value?.Committed ?? false;

    /// <summary>The action in progress turned out to change nothing (a repeated or refused answer) although its
    /// transaction still commits: the open scope's entries are then not written into that commit but by
    /// <see cref="AuditLog.FlushAsync"/>, with the outcome the caller was given.</summary>
    public static void NothingChanged()
    {
        if (Current.Value is { Committed: false, WrittenIn: null } pending)
        {
            pending.Held = true;
        }
    }

    internal static PendingAudit? Pending => Current.Value is { Committed: false } pending ? pending : null;

    private sealed class Closer(PendingAudit? previous) : IDisposable
    {
        public void Dispose() => Current.Value = previous;
    }
}
