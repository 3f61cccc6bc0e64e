namespace Reduction.Server.Hosting;

/// <summary>How the server starts and whom it believes (section `Server`).</summary>
public sealed class ServerOptions
{
    public const string SectionName = "Server";

    /// <summary>Apply pending database migrations on start.</summary>
    public bool MigrateOnStart { get; set; } = true;

    /// <summary>Folder whose `*.json` definitions are published on start; empty means the repository's `workflows/`
    /// (found by walking up from the content root) or `./workflows`.</summary>
    public string? WorkflowsFolder { get; set; }

    /// <summary>How long start-up keeps retrying while the database is unreachable before giving up.</summary>
    public TimeSpan StartupTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How long a graceful stop (SIGTERM, Ctrl+C) waits for running jobs and requests.</summary>
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Addresses of the reverse proxies whose `X-Forwarded-For`/`-Proto` are believed; none by default, so a
    /// client cannot choose the address its rate limits are counted against.</summary>
    public string[] KnownProxies { get; set; } = [];

    /// <summary>Origins (`https://host[:port]`) besides the server's own whose browser pages may call the admin API.</summary>
    public string[] AllowedOrigins { get; set; } = [];

    public KeyRingOptions DataProtection { get; set; } = new();
}
