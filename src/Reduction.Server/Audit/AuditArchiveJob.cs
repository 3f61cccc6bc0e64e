using Microsoft.Extensions.Options;
using Reduction.Identity.Hosting;
using Reduction.Workflows.Auditing;

namespace Reduction.Server.Audit;

/// <summary>The daily retention run (a Hangfire recurring job, <see cref="Hosting.AuditArchiveSchedule"/>): archives
/// the audit entries older than `Security:AuditRetention` into `Security:AuditArchiveDirectory`.</summary>
public sealed class AuditArchiveJob(AuditArchiver archiver, IOptions<SecurityOptions> options, TimeProvider time, ILogger<AuditArchiveJob> logger)
{
    /// <summary>The recurring job's id in Hangfire; never renamed once deployed.</summary>
    public const string RecurringJobId = "audit-archive";

    public async Task ExecuteAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var cutoff = AuditRetention.LatestCutoff(time.GetUtcNow(), settings.AuditRetention);
        var result = await archiver.ArchiveAsync(cutoff, settings.AuditArchiveDirectory, settings.AuditRetention, AuditActor.System, cancellationToken);
        if (result.File is null)
        {
            logger.LogInformation("No audit entries before {Cutoff:O} to archive", cutoff);
            return;
        }

        logger.LogInformation("Archived audit entries {First}-{Last} ({Count}) before {Cutoff:O} to {File}", result.First, result.Last, result.Count, cutoff, result.File);
    }
}
