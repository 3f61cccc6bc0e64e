namespace Reduction.Server.Hosting;

/// <summary>The administrator's credential (section `Server:Admin`) for the admin API and the job dashboard, until
/// real sign-in exists. Without a password both stay closed.</summary>
public sealed class AdminOptions
{
    public string User { get; set; } = "admin";

    public string? Password { get; set; }

    public bool IsConfigured => !string.IsNullOrEmpty(User) && !string.IsNullOrEmpty(Password);
}
