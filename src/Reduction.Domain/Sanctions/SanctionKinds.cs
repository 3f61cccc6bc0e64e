using Reduction.Domain.Parties;

namespace Reduction.Domain.Sanctions;

/// <summary>Wire codes (`eia-suspension`, `fund-suspension`, `honours-revocation`, `awards-bar`), zh-CN names,
/// and the role whose body enforces each measure.</summary>
public static class SanctionKinds
{
    private static readonly (SanctionKind Kind, string Code, string DisplayName, PartyRole Enforcer)[] Table =
    [
        (SanctionKind.EiaSuspension, "eia-suspension", "暂停新增主要污染物排放建设项目环评审批", PartyRole.Epb),
        (SanctionKind.FundSuspension, "fund-suspension", "暂停自治区环保专项资金支持", PartyRole.Epb),
        (SanctionKind.HonoursRevocation, "honours-revocation", "撤销自治区授予的环境保护荣誉称号", PartyRole.Epb),
        (SanctionKind.AwardsBar, "awards-bar", "领导班子和领导干部不得参加年度评奖、授予荣誉称号", PartyRole.Government),
    ];

    public static IReadOnlyList<string> AllCodes { get; } = Table.Select(t => t.Code).ToArray();

    public static IReadOnlyList<SanctionKind> All { get; } = Table.Select(t => t.Kind).ToArray();

    public static string ToCode(SanctionKind kind) => Table.First(t => t.Kind == kind).Code;

    public static string DisplayName(SanctionKind kind) => Table.First(t => t.Kind == kind).DisplayName;

    /// <summary>The role of the body that enforces the measure and must be told.</summary>
    public static PartyRole EnforcedBy(SanctionKind kind) => Table.First(t => t.Kind == kind).Enforcer;

    public static bool TryParse(string? code, out SanctionKind kind)
    {
        foreach (var entry in Table)
        {
            if (string.Equals(entry.Code, code, StringComparison.Ordinal))
            {
                kind = entry.Kind;
                return true;
            }
        }

        kind = default;
        return false;
    }

    public static SanctionKind Parse(string code) =>
        TryParse(code, out var kind)
            ? kind
            : throw new ArgumentException(
                $"未知否决措施“{code}”，可用：{string.Join("、", AllCodes)} / unknown sanction kind '{code}', expected one of: {string.Join(", ", AllCodes)}",
                nameof(code));
}
