using Microsoft.AspNetCore.Identity;

namespace Reduction.Identity.Accounts;

/// <summary>A person's account: unique name, bound to one party of the party directory, with one or more roles.</summary>
public sealed class Account : IdentityUser<Guid>
{
    /// <summary>The party the person works for (`lhasa`, `epb`, `drc`, …).</summary>
    public required string PartyId { get; set; }

    /// <summary>The person's name as colleagues read it (optional).</summary>
    public string? FullName { get; set; }

    /// <summary>Set for a password someone else chose (the bootstrap password, a reset by a security admin): the
    /// console lets the person do nothing else until it is changed.</summary>
    public bool MustChangePassword { get; set; }

    /// <summary>Start of the current window of failed sign-ins: failures older than the window no longer count.</summary>
    public DateTimeOffset? FailureWindowStartedAt { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? LastSignInAt { get; set; }

    /// <summary>A disabled account cannot sign in; accounts are disabled, never deleted, so the audit log keeps
    /// naming who did what.</summary>
    public bool Disabled { get; set; }
}
