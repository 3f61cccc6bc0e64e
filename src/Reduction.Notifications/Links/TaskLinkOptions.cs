namespace Reduction.Notifications.Links;

/// <summary>Task links (section `Notifications:Links`).</summary>
public sealed class TaskLinkOptions
{
    public const string SectionName = "Notifications:Links";

    /// <summary>The public address of the task pages; links are `{BaseUrl}/t/{token}`.</summary>
    public string BaseUrl { get; set; } = "http://localhost:5000";

    /// <summary>How long after its task closes a link still opens it (to see what was submitted).</summary>
    public TimeSpan GracePeriod { get; set; } = TimeSpan.FromDays(7);

    /// <summary>The server key tokens are derived with (base64, at least 32 bytes). Several servers must share it;
    /// empty reads or creates <see cref="KeyFile"/>.</summary>
    public string? Secret { get; set; }

    /// <summary>Where the key is kept when <see cref="Secret"/> is empty; created with 32 random bytes on first use.</summary>
    public string KeyFile { get; set; } = ".data/task-link.key";
}
