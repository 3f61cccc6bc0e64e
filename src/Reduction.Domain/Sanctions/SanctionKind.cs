namespace Reduction.Domain.Sanctions;

/// <summary>The one-vote-veto measures recorded against a failing prefecture (DOMAIN.md section 5).</summary>
public enum SanctionKind
{
    /// <summary>环评审批暂停: no EIA approval of new projects emitting major pollutants.</summary>
    EiaSuspension,

    /// <summary>环保专项资金暂停.</summary>
    FundSuspension,

    /// <summary>撤销环保荣誉称号.</summary>
    HonoursRevocation,

    /// <summary>领导班子和领导干部不得参加年度评奖评优.</summary>
    AwardsBar,
}
