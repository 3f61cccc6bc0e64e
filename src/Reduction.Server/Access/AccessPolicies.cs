using Reduction.Identity.Accounts;
using Reduction.Identity.Keys;

namespace Reduction.Server.Access;

/// <summary>Authorization policies by role (三员分立: the administrators' duties do not overlap, and none of them
/// reads cycle data) and by API-key scope.</summary>
public static class AccessPolicies
{
    public const string SystemAdmin = "role:" + AccountRoles.SystemAdmin;

    public const string SecurityAdmin = "role:" + AccountRoles.SecurityAdmin;

    public const string AuditAdmin = "role:" + AccountRoles.AuditAdmin;

    /// <summary>EPB staff who run the cycle: start, cancel, signal, the outbox.</summary>
    public const string Operator = "role:" + AccountRoles.Operator;

    /// <summary>The workflow definitions: system administrators keep them, operators start them.</summary>
    public const string Workflows = "workflows";

    /// <summary>Cycle data, scoped by party below the endpoint: operators and members.</summary>
    public const string CycleData = "cycle-data";

    /// <summary>Reference data read (plan periods): anyone signed in with an account.</summary>
    public const string ReferenceRead = "reference-read";

    /// <summary>The parties and their contacts: system administrators keep them, operators read them.</summary>
    public const string PartiesRead = "parties-read";

    /// <summary>The drill clock: operators run drills, system administrators keep the set-up.</summary>
    public const string Drill = "drill";

    /// <summary>The sanctions registry: operators and members, or a key with scope `sanctions:read`.</summary>
    public const string SanctionsRead = "scope:" + ApiScopes.SanctionsRead;

    public static void Add(Microsoft.AspNetCore.Authorization.AuthorizationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddPolicy(SystemAdmin, p => p.RequireRole(AccountRoles.SystemAdmin));
        builder.AddPolicy(SecurityAdmin, p => p.RequireRole(AccountRoles.SecurityAdmin));
        builder.AddPolicy(AuditAdmin, p => p.RequireRole(AccountRoles.AuditAdmin));
        builder.AddPolicy(Operator, p => p.RequireRole(AccountRoles.Operator));
        builder.AddPolicy(Workflows, p => p.RequireRole(AccountRoles.SystemAdmin, AccountRoles.Operator));
        builder.AddPolicy(CycleData, p => p.RequireRole(AccountRoles.Operator, AccountRoles.Member));
        builder.AddPolicy(ReferenceRead, p => p.RequireRole(AccountRoles.All.ToArray()));
        builder.AddPolicy(PartiesRead, p => p.RequireRole(AccountRoles.SystemAdmin, AccountRoles.Operator));
        builder.AddPolicy(Drill, p => p.RequireRole(AccountRoles.Operator, AccountRoles.SystemAdmin));
        builder.AddPolicy(SanctionsRead, p => p.RequireAssertion(context =>
            context.User.IsInRole(AccountRoles.Operator) || context.User.IsInRole(AccountRoles.Member)
            || context.User.HasClaim(ReductionClaimTypes.Scope, ApiScopes.SanctionsRead)));
    }
}
