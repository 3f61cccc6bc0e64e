using Reduction.Domain.Parties;
using Reduction.Domain.Sanctions;
using Reduction.Workflows.Queries;

namespace Reduction.Server.Sanctions;

/// <summary>The sanctions list's filters as they come in an address (`?prefecture=ngari&amp;year=2015&amp;
/// kind=eia-suspension&amp;state=in-force`; `year` is the assessed year), read into a <see cref="SanctionFilter"/>; a
/// value that cannot be read is left out and named in the problem text.</summary>
public static class SanctionListFilter
{
    public static (SanctionFilter Filter, string? Problem) Parse(string? prefecture, int? year, string? kind, string? state, PartyDirectory parties)
    {
        ArgumentNullException.ThrowIfNull(parties);
        var problems = new List<string>();
        string? prefectureId = null;
        if (!string.IsNullOrWhiteSpace(prefecture))
        {
            prefectureId = prefecture.Length <= 100 && parties.FindByName(prefecture) is { Role: PartyRole.Prefecture } party ? party.Id : null;
            if (prefectureId is null)
            {
                problems.Add("未知的地市");
            }
        }

        if (year is not (null or (>= 2000 and <= 2100)))
        {
            problems.Add("年度应在 2000 至 2100 之间");
            year = null;
        }

        string? kindCode = null;
        if (!string.IsNullOrWhiteSpace(kind))
        {
            if (SanctionKinds.TryParse(kind.Trim(), out _))
            {
                kindCode = kind.Trim();
            }
            else
            {
                problems.Add("未知的措施类型");
            }
        }

        var status = SanctionStates.Parse(state);
        if (!string.IsNullOrWhiteSpace(state) && status is null)
        {
            problems.Add("未知的状态（可用 in-force、lifting、lifted）");
        }

        return (new SanctionFilter(prefectureId, year, kindCode, status), problems.Count == 0 ? null : $"以下筛选条件无法识别，已忽略：{string.Join("；", problems)}");
    }
}
