namespace Reduction.Workflows.Auditing;

/// <summary>The result of checking the chain: intact with the count of live entries (and of those archived before
/// them), or the first entry that does not verify (its sequence, or the one expected where entries are missing) and
/// why.</summary>
public sealed record AuditVerification(bool Intact, long Entries, long? BrokenAt, string? Reason, long Archived = 0)
{
    public static AuditVerification Ok(long entries, long archived = 0) => new(true, entries, null, null, archived);

    public static AuditVerification Broken(long entries, long at, string reason) => new(false, entries, at, reason);
}
