namespace Reduction.Identity.Accounts;

/// <summary>
/// The roles an account may hold, with separated administration (三员分立, GB/T 22239-2019): the system administrator
/// keeps the workflows and reference data, the security administrator the accounts and keys, the audit administrator
/// reads the audit log; none of them reads cycle data. Operators (EPB staff) run the cycle; members are staff of any
/// party and see what their party's scope allows.
/// </summary>
public static class AccountRoles
{
    public const string SystemAdmin = "system-admin";

    public const string SecurityAdmin = "security-admin";

    public const string AuditAdmin = "audit-admin";

    public const string Operator = "operator";

    public const string Member = "member";

    private static readonly (string Code, string DisplayName)[] Table =
    [
        (SystemAdmin, "系统管理员"),
        (SecurityAdmin, "安全管理员"),
        (AuditAdmin, "审计管理员"),
        (Operator, "业务操作员"),
        (Member, "单位用户"),
    ];

    public static IReadOnlyList<string> All { get; } = Table.Select(t => t.Code).ToArray();

    /// <summary>The three administrator roles, for which two factors may be required.</summary>
    public static IReadOnlyList<string> Administrators { get; } = [SystemAdmin, SecurityAdmin, AuditAdmin];

    public static bool IsKnown(string? code) => Table.Any(t => string.Equals(t.Code, code, StringComparison.Ordinal));

    /// <summary>The zh-CN name users read; an unknown code is returned as is.</summary>
    public static string DisplayName(string code) =>
        Table.FirstOrDefault(t => string.Equals(t.Code, code, StringComparison.Ordinal)).DisplayName ?? code;
}
