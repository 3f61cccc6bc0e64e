using Reduction.Domain.Calendar;
using Reduction.Domain.Parties;
using Reduction.Notifications.Links;

namespace Reduction.Server.Components.Shared;

/// <summary>The EPB as the pages name it: by its name on the day the page is read (the drill clock's day in a drill).
/// Messages that mention it carry <see cref="TaskLinkResolution.EpbPlaceholder"/>, filled in where they are shown.</summary>
public static class Organisation
{
    public static string EpbToday(PartyDirectory parties, TimeProvider time) => parties.RoleNameOn(PartyRole.Epb, BeijingTime.DateOf(time.GetUtcNow()));

    /// <summary><paramref name="message"/> with the placeholder replaced by the EPB's name today.</summary>
    public static string Fill(string message, PartyDirectory parties, TimeProvider time) =>
        message.Contains(TaskLinkResolution.EpbPlaceholder, StringComparison.Ordinal)
            ? message.Replace(TaskLinkResolution.EpbPlaceholder, EpbToday(parties, time), StringComparison.Ordinal)
            : message;
}
