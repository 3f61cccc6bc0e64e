namespace Reduction.Notifications.Delivery;

/// <summary>The SMTP server notices are sent through (section `Notifications:Smtp`). Without a host, messages go to
/// the pickup folder instead.</summary>
public sealed class SmtpOptions
{
    public const string SectionName = "Notifications:Smtp";

    public string? Host { get; set; }

    public int Port { get; set; } = 587;

    public SmtpSecurity Security { get; set; } = SmtpSecurity.StartTls;

    /// <summary>Login name; empty means no authentication.</summary>
    public string? UserName { get; set; }

    public string? Password { get; set; }

    /// <summary>The sender, e.g. `noreply@hbt.xizang.gov.cn` or `名称 &lt;address&gt;`; without a name the issuing
    /// authority's name is shown.</summary>
    public string From { get; set; } = "noreply@reduction.local";

    /// <summary>Timeout of each SMTP command.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Host);
}
