namespace Reduction.Workflows.Auditing;

/// <summary>The result of checking the chain: intact with the entry count, or the first entry that does not verify
/// (its sequence, or the one expected where entries are missing) and why.</summary>
public sealed record AuditVerification(bool Intact, long Entries, long? BrokenAt, string? Reason)
{
    public static AuditVerification Ok(long entries) => new(true, entries, null, null);

    public static AuditVerification Broken(long entries, long at, string reason) => new(false, entries, at, reason);
}
