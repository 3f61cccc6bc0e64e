namespace Reduction.Server.Hosting;

/// <summary>Where the Data Protection key ring (antiforgery tokens of the forms) is kept (section
/// `Server:DataProtection`). Servers that share a database must share the key ring, or a form rendered by one is
/// refused by the other.</summary>
public sealed class KeyRingOptions
{
    /// <summary>Folder of the key ring, relative to the content root.</summary>
    public string KeysFolder { get; set; } = ".data/keys";

    /// <summary>A PFX certificate that encrypts the keys at rest; without it the keys are protected only by the
    /// folder's permissions (owner only, set on start).</summary>
    public string? CertificatePath { get; set; }

    public string? CertificatePassword { get; set; }
}
