namespace Reduction.Domain.Parties;

/// <summary>Stable wire codes of <see cref="PartyRole"/>: `prefecture`, `epb`, `drc`, `supervision`,
/// `public-security`, `agriculture`, `statistics`, `government`.</summary>
public static class PartyRoles
{
    private static readonly (PartyRole Role, string Code, string DisplayName)[] Table =
    [
        (PartyRole.Prefecture, "prefecture", "地市"),
        (PartyRole.Epb, "epb", "区环境保护厅"),
        (PartyRole.Drc, "drc", "区发展改革委"),
        (PartyRole.Supervision, "supervision", "区监察厅"),
        (PartyRole.PublicSecurity, "public-security", "区公安厅"),
        (PartyRole.Agriculture, "agriculture", "区农牧厅"),
        (PartyRole.Statistics, "statistics", "区统计局"),
        (PartyRole.Government, "government", "自治区人民政府"),
    ];

    public static IReadOnlyList<string> AllCodes { get; } = Table.Select(t => t.Code).ToArray();

    public static string ToCode(PartyRole role) => Table.First(t => t.Role == role).Code;

    /// <summary>Short zh-CN name of the role for notices and pages.</summary>
    public static string DisplayName(PartyRole role) => Table.First(t => t.Role == role).DisplayName;

    public static bool TryParse(string? code, out PartyRole role)
    {
        foreach (var entry in Table)
        {
            if (string.Equals(entry.Code, code, StringComparison.Ordinal))
            {
                role = entry.Role;
                return true;
            }
        }

        role = default;
        return false;
    }

    public static PartyRole Parse(string code) =>
        TryParse(code, out var role)
            ? role
            : throw new ArgumentException(
                $"未知角色“{code}”，可用角色：{string.Join("、", AllCodes)} / unknown role '{code}', expected one of: {string.Join(", ", AllCodes)}",
                nameof(code));
}
