namespace Reduction.Notifications.Templates;

/// <summary>Which recipients of an outbox row are the principal recipients (主送机关); the others are copied (抄送).</summary>
public enum RecipientRule
{
    /// <summary>Parties addressed directly are principal; parties reached through roles are copied.</summary>
    Parties,

    /// <summary>Parties reached through roles are principal; parties addressed directly are copied.</summary>
    Roles,

    /// <summary>Everyone is principal; nobody is copied.</summary>
    All,
}
