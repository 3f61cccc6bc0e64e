namespace Reduction.Identity.Accounts;

/// <summary>Claims a signed-in caller carries besides name and roles (ClaimTypes.Name, ClaimTypes.Role).</summary>
public static class ReductionClaimTypes
{
    /// <summary>The id of the caller's party in the party directory (`lhasa`, `epb`, …).</summary>
    public const string Party = "reduction:party";

    /// <summary>For an API key: one claim per scope it was given (`sanctions:read`, …).</summary>
    public const string Scope = "reduction:scope";

    /// <summary>Set on an API key's principal: the caller is a system, not a person.</summary>
    public const string ApiKey = "reduction:api-key";
}
