using Reduction.Domain.Documents;
using Reduction.Domain.Parties;

namespace Reduction.Notifications.Templates;

/// <summary>The official-document frame around a notice's body (GB/T 9704-2012): issuing authority, document
/// number, principal recipients, attachments, date and copy-to. Templates see it as `notice`.</summary>
public sealed record NoticeEnvelope
{
    /// <summary>发文机关: the issuing authority's name valid on <see cref="Date"/>.</summary>
    public required string Issuer { get; init; }

    /// <summary>发文字号, or null for notices outside the document register (delivery alerts).</summary>
    public DocumentNumber? Number { get; init; }

    /// <summary>成文日期 (Beijing calendar day).</summary>
    public required DateOnly Date { get; init; }

    /// <summary>主送机关, as their issuing bodies were named on <see cref="Date"/>.</summary>
    public IReadOnlyList<string> To { get; init; } = [];

    /// <summary>抄送机关.</summary>
    public IReadOnlyList<string> CopyTo { get; init; } = [];

    /// <summary>附件 names, in order.</summary>
    public IReadOnlyList<string> Attachments { get; init; } = [];

    /// <summary>签发人: who signs for the issuing authority, when administrators have named one.</summary>
    public PartySignatory? Signatory { get; init; }

    /// <summary>The recipient's task link, when the notice carries one.</summary>
    public NoticeLink? Link { get; init; }
}
