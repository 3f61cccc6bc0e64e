using Reduction.Domain.Documents;
using Reduction.Domain.Parties;

namespace Reduction.Notifications.Templates;

/// <summary>Turns an outbox row's recipient roles and parties into principal and copied parties, and builds the
/// document frame with every name as it was on the document's date (日喀则地区行署 in 2013, 日喀则市人民政府 in 2015).</summary>
public sealed class NoticeAddressing(PartyDirectory parties)
{
    /// <summary>Name of the .ics attachment task notices carry.</summary>
    public const string CalendarFileName = "deadline.ics";

    public PartyDirectory Parties => parties;

    /// <summary>Role members and directly named parties, split by the kind's rule. The prefecture role means every
    /// prefecture existing on <paramref name="date"/>; any other role means the body that holds it (the first party
    /// with the role, as IssueTask reads a role: `government` is the government, not also its General Office, which is
    /// addressed by its id when wanted). A kind whose principal side is empty makes everyone principal.</summary>
    /// <exception cref="KeyNotFoundException">A party id or role code is unknown.</exception>
    public NoticeRecipients Resolve(NoticeKind kind, IEnumerable<string> roles, IEnumerable<string> partyIds, DateOnly date)
    {
        var byRole = roles
            .SelectMany(code => PartyRoles.TryParse(code, out var role)
                ? role == PartyRole.Prefecture ? parties.PrefecturesOn(date) : parties.WithRole(role).Take(1)
                : throw new KeyNotFoundException($"未知角色“{code}” / unknown role '{code}'"))
            .ToList();
        var direct = partyIds.Select(id => parties.FindByName(id) ?? throw new KeyNotFoundException($"未知单位“{id}” / unknown party '{id}'")).ToList();
        var (principal, copy) = kind.Principal switch
        {
            RecipientRule.Parties => (direct, byRole),
            RecipientRule.Roles => (byRole, direct),
            _ => (direct.Concat(byRole).ToList(), []),
        };
        if (principal.Count == 0)
        {
            (principal, copy) = (copy, []);
        }

        var distinctPrincipal = principal.DistinctBy(p => p.Id).ToList();
        var distinctCopy = copy.DistinctBy(p => p.Id).Where(p => distinctPrincipal.All(q => q.Id != p.Id)).ToList();
        return new NoticeRecipients(distinctPrincipal, distinctCopy);
    }

    /// <summary>The frame: issuer and recipients by their names on <paramref name="date"/>. The issuer does not
    /// address or copy itself on paper, though its own contacts still receive the e-mail.</summary>
    public NoticeEnvelope Envelope(NoticeKind kind, NoticeRecipients recipients, DateOnly date, DocumentNumber? number, bool withCalendar, NoticeLink? link)
    {
        var issuer = parties.FindById(kind.Issuer) ?? throw new KeyNotFoundException($"未知发文单位“{kind.Issuer}” / unknown issuer '{kind.Issuer}'");
        return new NoticeEnvelope
        {
            Issuer = issuer.NameOn(date).IssuingBody,
            Signatory = issuer.Signatory,
            Number = number,
            Date = date,
            To = Names(recipients.Principal, issuer, date),
            CopyTo = Names(recipients.CopyTo, issuer, date),
            Attachments = withCalendar ? [$"报送期限日历（{CalendarFileName}）"] : [],
            Link = link,
        };
    }

    private static string[] Names(IEnumerable<Party> list, Party issuer, DateOnly date) =>
        list.Where(p => p.Id != issuer.Id).Select(p => p.NameOn(date).IssuingBody).ToArray();
}
