namespace Reduction.Workflows.Auditing;

/// <summary>Who acts: account name (or `apikey:NAME`, or `cli:USER` for the command line), party and client address.</summary>
public sealed record AuditActor(string User, string? Party, string? Address)
{
    /// <summary>The engine itself (timers, deliveries): no person.</summary>
    public static AuditActor System { get; } = new("system", null, null);

    public AuditEntry Entry(string action, string? targetKind, string? targetId, string outcome = AuditOutcomes.Success, string? detail = null) =>
        new(User, Party, Address, action, targetKind, targetId, outcome, detail);
}
