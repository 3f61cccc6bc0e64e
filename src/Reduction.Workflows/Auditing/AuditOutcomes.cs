namespace Reduction.Workflows.Auditing;

/// <summary>Wire codes of an audit entry's outcome.</summary>
public static class AuditOutcomes
{
    public const string Success = "success";

    public const string Failure = "failure";

    /// <summary>Refused for want of a role, a scope or a valid credential.</summary>
    public const string Denied = "denied";
}
