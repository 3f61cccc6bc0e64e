namespace Reduction.Workflows.Notices;

/// <summary>Model fields delivery reads besides the template's own.</summary>
public static class NoticeModelKeys
{
    /// <summary>`{"name", "email"}`: the one contact of the principal party the notice goes to (转办 to a named contact);
    /// without it a notice goes to every registered address of its parties.</summary>
    public const string RecipientContact = "recipient_contact";
}
