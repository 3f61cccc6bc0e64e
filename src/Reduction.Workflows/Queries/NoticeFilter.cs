using Reduction.Workflows.Persistence;

namespace Reduction.Workflows.Queries;

/// <summary>Narrows a notice list beyond the caller's scope; null members do not filter. <see cref="Recipient"/> is
/// found in the recorded addresses and names (any case) or, through <see cref="RecipientParties"/>, among the parties
/// a notice is addressed to (a notice not yet composed has no addresses); <see cref="Subject"/> in the recorded
/// subject; <see cref="CreatedFrom"/> and <see cref="CreatedTo"/> bound the instant it was queued (inclusive,
/// exclusive).</summary>
public sealed record NoticeFilter(
    string? Recipient = null,
    IReadOnlyList<string>? RecipientParties = null,
    string? Subject = null,
    string? TemplateKey = null,
    string? PartyId = null,
    NoticeStatus? Status = null,
    DateTimeOffset? CreatedFrom = null,
    DateTimeOffset? CreatedTo = null,
    Guid? TaskId = null)
{
    public static NoticeFilter None { get; } = new();
}
