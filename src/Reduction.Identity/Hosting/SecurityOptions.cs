using Reduction.Identity.Accounts;

namespace Reduction.Identity.Hosting;

/// <summary>Section `Security`: sign-in, sessions, two factors, tokens and audit retention.</summary>
public sealed class SecurityOptions
{
    public const string SectionName = "Security";

    /// <summary>Failed sign-ins within <see cref="FailureWindow"/> that lock the account.</summary>
    public int MaxFailedSignIns { get; set; } = 5;

    public TimeSpan FailureWindow { get; set; } = TimeSpan.FromMinutes(15);

    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Failed sign-ins from one client address within <see cref="FailureWindow"/>, over all accounts, before
    /// that address is refused (429) for a while.</summary>
    public int AddressFailureLimit { get; set; } = 30;

    /// <summary>A console session ends after this long without a request.</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>The three administrator roles must sign in with a second factor (TOTP). Default true; the README's
    /// first run (Development) turns it off.</summary>
    public bool RequireTwoFactorForAdmins { get; set; } = true;

    /// <summary>Lifetime of a bearer token from `POST /api/auth/token`.</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(8);

    /// <summary>Audit entries are kept at least this long before they may be archived (Cybersecurity Law art. 21:
    /// six months); less than 180 days is refused at start.</summary>
    public TimeSpan AuditRetention { get; set; } = TimeSpan.FromDays(180);

    /// <summary>Folder of the audit archive files (the daily archive run and `reduction audit archive`); a relative
    /// path is in the data root (`Storage:DataRoot`), so the default sits beside the SQLite file.</summary>
    public string AuditArchiveDirectory { get; set; } = ".data/audit-archive";

    /// <summary>Name of a first account created on start when no account exists yet (with
    /// <see cref="BootstrapPassword"/>); it must change the password at first sign-in.</summary>
    public string BootstrapUser { get; set; } = "admin";

    /// <summary>Password of the bootstrap account; nothing is created without it. Never shipped: it comes from the
    /// environment (`Security__BootstrapPassword`).</summary>
    public string? BootstrapPassword { get; set; }

    /// <summary>Roles of the bootstrap account; none configured means the security administrator alone, who then
    /// creates the other accounts (configuration binding would add to a non-empty default, not replace it).</summary>
    public string[] BootstrapRoles { get; set; } = [];

    public IReadOnlyList<string> EffectiveBootstrapRoles => BootstrapRoles.Length > 0 ? BootstrapRoles : [AccountRoles.SecurityAdmin];

    /// <summary>Display name of the issuer in authenticator apps.</summary>
    public string TotpIssuer { get; set; } = "西藏减排考核";
}
