namespace Reduction.Domain.Parties;

/// <summary>
/// Which parties' data a caller may read (measures art. 13, DOMAIN.md section 6). A domain value, so the runtime's
/// queries filter by it without knowing about accounts:
/// <list type="bullet">
/// <item><see cref="Everything"/>: the EPB, which runs the cycle, and the engine's own work;</item>
/// <item>a prefecture: its own tasks, answers, attachments, notices, results and sanctions only;</item>
/// <item>one of the assessing departments or the government: its own tasks, and every prefecture's assessment data
/// (<see cref="ReadsAssessmentData"/>), which before the government's approval only they and the EPB may see;</item>
/// <item>the supervision: also what its escalation duties need (<see cref="ReadsEscalations"/>);</item>
/// <item><see cref="Nothing"/>: a caller bound to no party (an administrator account reads no cycle data).</item>
/// </list>
/// </summary>
public sealed record PartyScope
{
    private PartyScope(string? partyId, PartyRole? role, bool everything)
    {
        PartyId = partyId;
        Role = role;
        IsEverything = everything;
    }

    /// <summary>Everything: the EPB's staff and the engine.</summary>
    public static PartyScope Everything { get; } = new(null, null, everything: true);

    /// <summary>No party's data at all.</summary>
    public static PartyScope Nothing { get; } = new(null, null, everything: false);

    public bool IsEverything { get; }

    /// <summary>The caller's party; null for <see cref="Everything"/> and <see cref="Nothing"/>.</summary>
    public string? PartyId { get; }

    public PartyRole? Role { get; }

    /// <summary>The six assessing bodies (EPB, DRC, supervision, public security, agriculture, statistics) and the
    /// government see all prefectures' assessment data and results, also before approval.</summary>
    public bool ReadsAssessmentData => IsEverything || Role is PartyRole.Drc or PartyRole.Supervision or PartyRole.PublicSecurity
        or PartyRole.Agriculture or PartyRole.Statistics or PartyRole.Government;

    /// <summary>The supervision sees the overdue and escalated tasks of every party (it is told of them).</summary>
    public bool ReadsEscalations => IsEverything || Role is PartyRole.Supervision;

    /// <summary>Sanctions are decisions announced to all the bodies of the region; a prefecture sees its own, a
    /// province (a grouping in the national directory, no party of the cycle) none.</summary>
    public bool ReadsAllSanctions => IsEverything || (Role is { } role && role is not (PartyRole.Prefecture or PartyRole.Province));

    /// <summary>The scope of a member of <paramref name="party"/>: the EPB's members see everything.</summary>
    public static PartyScope Of(Party party)
    {
        ArgumentNullException.ThrowIfNull(party);
        return party.Role == PartyRole.Epb ? Everything : new PartyScope(party.Id, party.Role, everything: false);
    }

    /// <summary>True when the caller may read what belongs to <paramref name="partyId"/> itself.</summary>
    public bool Owns(string partyId) => IsEverything || string.Equals(PartyId, partyId, StringComparison.Ordinal);

    public override string ToString() => IsEverything ? "everything" : PartyId ?? "nothing";
}
