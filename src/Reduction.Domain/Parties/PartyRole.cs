namespace Reduction.Domain.Parties;

/// <summary>What a party does in the cycle; the wire codes are in <see cref="PartyRoles"/>.</summary>
public enum PartyRole
{
    Prefecture,
    Epb,
    Drc,
    Supervision,
    PublicSecurity,
    Agriculture,
    Statistics,
    Government,

    /// <summary>A provincial-level unit grouping prefectures (the national directory); it takes no part in the cycle.</summary>
    Province,
}
