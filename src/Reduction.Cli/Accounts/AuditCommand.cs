using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.Options;
using Reduction.Cli.Workflows;
using Reduction.Domain.Calendar;
using Reduction.Workflows.Auditing;

namespace Reduction.Cli.Accounts;

/// <summary>`reduction audit verify [--archive FILE]`: recomputes the audit log's hash chain (or an archive file's).
/// Exit 0 when intact; exit 1 naming the first entry that does not verify (edited, deleted, or the newest entries
/// removed). `reduction audit archive --before DATE [--dir DIR]` moves older entries to an archive file by hand.</summary>
internal static class AuditCommand
{
    public const int Broken = 1;

    public static Command Create()
    {
        var audit = new Command("audit", "审计日志 / The audit log.");
        audit.Subcommands.Add(Verify());
        audit.Subcommands.Add(Archive());
        return audit;
    }

    private static Command Verify()
    {
        var store = new StoreOptions();
        var archive = new Option<string?>("--archive")
        {
            Description = "改为校验一个归档文件自身的链与链头（不读数据库） / Verify an archive file's own chain and head instead (no database).",
            HelpName = "FILE",
        };
        var verify = new Command("verify", "校验审计日志的哈希链 / Verify the audit log's hash chain. 退出码 / exit codes: 0 完整 / intact; 1 被篡改，指出第一条 / broken, naming the first bad entry; 2 参数无效 / invalid input; 3 数据库不可用 / database unavailable.");
        store.AddTo(verify);
        verify.Options.Add(archive);
        verify.SetAction((parseResult, cancellationToken) => parseResult.GetValue(archive) is { } file
            ? VerifyArchiveAsync(parseResult, file, cancellationToken)
            : StoreCommand.RunAsync(parseResult, store, async workflowStore =>
            {
                var result = await workflowStore.Audit.VerifyAsync(cancellationToken);
                if (result.Intact)
                {
                    var archived = result.Archived > 0 ? $"（另有 {result.Archived} 条已归档）" : string.Empty;
                    var archivedEn = result.Archived > 0 ? $" ({result.Archived} more archived)" : string.Empty;
                    parseResult.InvocationConfiguration.Output.WriteLine($"审计日志完整：{result.Entries} 条{archived} / audit log intact: {result.Entries} entries{archivedEn}");
                    return 0;
                }

                parseResult.InvocationConfiguration.Error.WriteLine($"审计日志第 {result.BrokenAt} 条校验失败 / audit entry {result.BrokenAt} does not verify: {result.Reason}");
                return Broken;
            }, cancellationToken));
        return verify;
    }

    private static async Task<int> VerifyArchiveAsync(ParseResult parseResult, string file, CancellationToken cancellationToken)
    {
        var (output, error) = (parseResult.InvocationConfiguration.Output, parseResult.InvocationConfiguration.Error);
        if (!File.Exists(file))
        {
            return WorkflowsInput.Invalid(error, $"归档文件不存在：{file} / archive file not found: {file}");
        }

        AuditArchiveVerification result;
        try
        {
            result = await AuditArchiveFile.VerifyAsync(file, cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return WorkflowsInput.Invalid(error, $"无法读取归档文件 / cannot read the archive file: {e.Message}");
        }

        if (result.Intact)
        {
            var head = result.Head!;
            output.WriteLine($"审计归档完整：{result.Entries} 条（第 {head.First}–{head.Last} 条），SHA-256 {result.FileSha256} / archive intact: {result.Entries} entries ({head.First}–{head.Last}), SHA-256 {result.FileSha256}");
            return 0;
        }

        error.WriteLine(result.BrokenAt is { } at
            ? $"审计归档第 {at} 条校验失败 / archived entry {at} does not verify: {result.Reason}"
            : $"审计归档的链头校验失败 / the archive's head does not verify: {result.Reason}");
        return Broken;
    }

    private static Command Archive()
    {
        var store = new StoreOptions();
        var before = new Option<string>("--before")
        {
            Description = "归档此日期（北京时间零点）之前的记录，须早于保留期（缺省 180 天） / Archive the entries before this date (00:00 Beijing time); must be older than the retention (default 180 days).",
            HelpName = "YYYY-MM-DD",
            Required = true,
        };
        var dir = new Option<string?>("--dir")
        {
            Description = "归档文件目录（缺省 Security:AuditArchiveDirectory，即数据目录下 .data/audit-archive） / Folder of the archive file (default: Security:AuditArchiveDirectory, .data/audit-archive in the data root).",
            HelpName = "DIR",
        };
        var archive = new Command("archive", "把早于保留期的审计记录移入归档文件 / Move audit entries older than the retention to an archive file. 退出码 / exit codes: 0 完成 / done; 1 链不完整或另一次归档同时进行，未归档 / chain broken or another archive ran, nothing archived; 2 参数无效或日期在保留期内 / invalid input or the date within the retention; 3 数据库或目录不可用，未归档 / database or folder unavailable, nothing archived.");
        store.AddTo(archive);
        archive.Options.Add(before);
        archive.Options.Add(dir);
        archive.SetAction((parseResult, cancellationToken) =>
        {
            var error = parseResult.InvocationConfiguration.Error;
            var text = parseResult.GetValue(before)!;
            if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                return Task.FromResult(WorkflowsInput.Invalid(error, $"日期无效：{text}（应为 YYYY-MM-DD） / invalid date '{text}' (expected YYYY-MM-DD)"));
            }

            return StoreCommand.RunAsync(parseResult, store, workflowStore => ArchiveAsync(parseResult, workflowStore, date, parseResult.GetValue(dir), cancellationToken), cancellationToken);
        });
        return archive;
    }

    private static async Task<int> ArchiveAsync(ParseResult parseResult, WorkflowStore store, DateOnly date, string? directory, CancellationToken cancellationToken)
    {
        var (output, error) = (parseResult.InvocationConfiguration.Output, parseResult.InvocationConfiguration.Error);
        Identity.Hosting.SecurityOptions security;
        try
        {
            security = store.Security;
        }
        catch (OptionsValidationException e)
        {
            return WorkflowsInput.Invalid(error, e.Message);
        }

        var folder = string.IsNullOrWhiteSpace(directory) ? security.AuditArchiveDirectory : Path.GetFullPath(directory);
        AuditArchiveResult result;
        try
        {
            result = await store.AuditArchiver.ArchiveAsync(BeijingTime.StartOfDay(date), folder, security.AuditRetention, WorkflowStore.Actor, cancellationToken);
        }
        catch (AuditRetentionException e) when (e.LatestCutoff is { } latest)
        {
            var days = (security.AuditRetention > AuditRetention.Minimum ? security.AuditRetention : AuditRetention.Minimum).TotalDays.ToString("0.##", CultureInfo.InvariantCulture);
            var latestDate = BeijingTime.DateOf(latest).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            var asked = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            return WorkflowsInput.Invalid(error, $"{asked} 在审计日志保留期（{days} 天）之内，最晚可归档 {latestDate} 之前的记录 / {asked} is within the audit retention of {days} days: "
                + $"entries before {latestDate} at the latest may be archived");
        }
        catch (AuditRetentionException e)
        {
            return WorkflowsInput.Invalid(error, e.Message);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"无法写入归档目录，审计日志未改变 / cannot write the archive folder, the audit log is unchanged: {e.Message}");
            return StoreCommand.StoreUnavailable;
        }
        catch (InvalidOperationException e)
        {
            error.WriteLine($"未归档 / nothing archived: {e.Message}");
            return Broken;
        }

        if (result.File is null)
        {
            output.WriteLine($"没有 {date:yyyy-MM-dd} 之前的审计记录需要归档 / no audit entries before {date:yyyy-MM-dd} to archive");
            return 0;
        }

        output.WriteLine($"已归档 {result.Count} 条（第 {result.First}–{result.Last} 条） / archived {result.Count} entries ({result.First}–{result.Last}): {result.File}");
        return 0;
    }
}
