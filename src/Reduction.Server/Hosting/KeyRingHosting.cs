using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;
using Reduction.Workflows.Hosting;
using Reduction.Workflows.Persistence;

namespace Reduction.Server.Hosting;

/// <summary>The Data Protection key ring in a folder of the server's own (`Server:DataProtection`), so antiforgery
/// tokens survive a restart and servers sharing the folder accept each other's forms.</summary>
public static class KeyRingHosting
{
    private const string KeyManagerCategory = "Microsoft.AspNetCore.DataProtection.KeyManagement.XmlKeyManager";

    public static WebApplicationBuilder AddKeyRing(this WebApplicationBuilder builder)
    {
        var settings = builder.Configuration.GetSection($"{ServerOptions.SectionName}:{nameof(ServerOptions.DataProtection)}").Get<KeyRingOptions>() ?? new();
        // Relative to the data root, like every other data path (the server and the CLI share one `.data`).
        var root = DataRoot.Resolve(builder.Configuration[$"{WorkflowStorageOptions.SectionName}:{nameof(WorkflowStorageOptions.DataRoot)}"], Directory.GetCurrentDirectory());
        var folder = new DirectoryInfo(DataRoot.PathOf(root, settings.KeysFolder));
        if (!folder.Exists)
        {
            folder.Create();
        }

        var dataProtection = builder.Services.AddDataProtection()
            .SetApplicationName("Reduction.Server")
            .PersistKeysToFileSystem(folder);
        if (!string.IsNullOrWhiteSpace(settings.CertificatePath))
        {
            dataProtection.ProtectKeysWithCertificate(X509CertificateLoader.LoadPkcs12FromFile(
                Path.GetFullPath(settings.CertificatePath, builder.Environment.ContentRootPath), settings.CertificatePassword));
            return builder;
        }

        // Without a certificate the keys are protected by the folder's permissions: owner only. That is a decision,
        // documented in the operations guide, so the key manager's "no XML encryptor configured" warning on every new
        // key is noise here.
        if (!OperatingSystem.IsWindows())
        {
            folder.UnixFileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
        }

        builder.Logging.AddFilter(KeyManagerCategory, LogLevel.Error);
        return builder;
    }
}
