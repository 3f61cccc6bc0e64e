namespace Reduction.Domain.Parties;

/// <summary>Stable wire codes of <see cref="PartyRole"/>: `prefecture`, `epb`, `drc`, `supervision`,
/// `public-security`, `agriculture`, `statistics`, `government`, `province`.</summary>
public static class PartyRoles
{
    private static readonly (PartyRole Role, string Code, string DisplayName)[] Table =
    [
        (PartyRole.Prefecture, "prefecture", "地市"),
        (PartyRole.Epb, "epb", "自治区环境保护主管部门"),
        (PartyRole.Drc, "drc", "自治区发展改革部门"),
        (PartyRole.Supervision, "supervision", "自治区监察机关"),
        (PartyRole.PublicSecurity, "public-security", "自治区公安机关"),
        (PartyRole.Agriculture, "agriculture", "自治区农业主管部门"),
        (PartyRole.Statistics, "statistics", "自治区统计部门"),
        (PartyRole.Government, "government", "自治区人民政府"),
        (PartyRole.Province, "province", "省级行政区"),
    ];

    public static IReadOnlyList<string> AllCodes { get; } = Table.Select(t => t.Code).ToArray();

    public static string ToCode(PartyRole role) => Table.First(t => t.Role == role).Code;

    /// <summary>zh-CN name of the role's function, true on every date (自治区监察机关, not 区监察厅, which was renamed in
    /// 2018): for texts that speak of no date. A text about a day names the body as it was named that day
    /// (<see cref="PartyDirectory.RoleNameOn(PartyRole, DateOnly)"/>).</summary>
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
