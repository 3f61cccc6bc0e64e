using Reduction.Domain.Parties;

namespace Reduction.Notifications.Templates;

/// <summary>The parties a notice goes to, split into principal recipients (主送) and copies (抄送).</summary>
public sealed record NoticeRecipients(IReadOnlyList<Party> Principal, IReadOnlyList<Party> CopyTo)
{
    public IEnumerable<Party> All => Principal.Concat(CopyTo);
}
