namespace Reduction.Notifications.Templates;

/// <summary>The task link a notice shows its recipient (`link.url`, `link.grace_days` in templates).</summary>
/// <param name="Url">`{BaseUrl}/t/{token}`.</param>
/// <param name="GraceDays">How many days after the task closes the link still opens it.</param>
public sealed record NoticeLink(string Url, int GraceDays);
