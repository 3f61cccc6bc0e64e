namespace Reduction.Server.Hosting;

/// <summary>The administrator's credential (section `Server:Admin`) for the admin API and the job dashboard, until
/// real sign-in exists. Without a password (or with a blank one) both stay closed.</summary>
public sealed class AdminOptions
{
    /// <summary>The example password of the README: a server using it is open to anyone who read the README.</summary>
    public const string ExamplePassword = "change-me";

    public string User { get; set; } = "admin";

    public string? Password { get; set; }

    /// <summary>Failed sign-ins from one client address within <see cref="SignInFailureWindow"/> before further
    /// attempts from it are refused (429).</summary>
    public int SignInFailureLimit { get; set; } = 5;

    public TimeSpan SignInFailureWindow { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>A password of spaces is no password: it would be the first one anyone tries.</summary>
    public bool IsConfigured => !string.IsNullOrWhiteSpace(User) && !string.IsNullOrWhiteSpace(Password);
}
