namespace Reduction.Notifications.Hosting;

/// <summary>Where notices come from and go to when no SMTP server is configured (section `Notifications`).</summary>
public sealed class NotificationOptions
{
    public const string SectionName = "Notifications";

    /// <summary>The templates folder; empty finds `templates/` next to the application or above the working directory.</summary>
    public string? TemplatesFolder { get; set; }

    /// <summary>The contacts file (see <c>ContactDirectory</c>); empty uses the shipped example addresses.</summary>
    public string? ContactsFile { get; set; }

    /// <summary>Without <c>Notifications:Smtp:Host</c>, messages are written here as .eml files.</summary>
    public string PickupFolder { get; set; } = ".data/outbox";

    /// <summary>Right-hand side of Message-IDs and calendar UIDs.</summary>
    public string MessageIdDomain { get; set; } = "reduction.local";

    /// <summary>The party whose administrators receive dead-letter alerts.</summary>
    public string AlertParty { get; set; } = "epb";
}
