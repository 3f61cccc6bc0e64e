using System.Net.Mail;

namespace Reduction.Domain.Parties;

/// <summary>A registered address of a party: where its notices go, and whether it also receives delivery alerts.</summary>
/// <param name="Name">The office as entered (拉萨市环境保护局减排办); empty names the party's issuing body.</param>
/// <param name="Email">The address task links and notices go to.</param>
/// <param name="Admin">Also receives delivery alerts (dead letters).</param>
public sealed record PartyContact(string? Name, string Email, bool Admin)
{
    /// <summary>Longest office name kept.</summary>
    public const int MaxNameLength = 100;

    /// <summary>Longest address (RFC 5321).</summary>
    public const int MaxEmailLength = 254;

    /// <summary>Most addresses one party keeps.</summary>
    public const int MaxPerParty = 20;

    /// <summary>Whether <paramref name="email"/> is a bare address (no display name) with a local part and a domain.</summary>
    public static bool IsAddress(string? email) =>
        email is { Length: > 0 and <= MaxEmailLength }
        && email.Trim() == email
        && MailAddress.TryCreate(email, out var address)
        && string.Equals(address.Address, email, StringComparison.Ordinal)
        && address.Host.Contains('.', StringComparison.Ordinal);

    /// <summary>The Chinese refusal for a list of contacts, or null when it can be kept.</summary>
    public static string? Check(IReadOnlyList<PartyContact> contacts)
    {
        ArgumentNullException.ThrowIfNull(contacts);
        if (contacts.Count == 0)
        {
            return "至少保留一个邮箱：没有邮箱的单位收不到通知。";
        }

        if (contacts.Count > MaxPerParty)
        {
            return $"一个单位最多登记 {MaxPerParty} 个邮箱。";
        }

        for (var i = 0; i < contacts.Count; i++)
        {
            var contact = contacts[i];
            if (!IsAddress(contact.Email))
            {
                return $"第 {i + 1} 个邮箱“{Clip(contact.Email)}”格式不正确（应如 jianpai@lasa.gov.cn）。";
            }

            if (contact.Name is { Length: > MaxNameLength })
            {
                return $"第 {i + 1} 个联系人的名称超过 {MaxNameLength} 个字符。";
            }
        }

        return contacts.GroupBy(c => c.Email, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1) is { } twice
            ? $"邮箱“{Clip(twice.Key)}”重复登记。"
            : null;
    }

    private static string Clip(string? text) => text is null ? "" : text.Length <= 60 ? text : text[..60] + "…";
}
