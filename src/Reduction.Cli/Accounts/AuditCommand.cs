using System.CommandLine;
using Reduction.Cli.Workflows;

namespace Reduction.Cli.Accounts;

/// <summary>`reduction audit verify`: recomputes the audit log's hash chain. Exit 0 when intact; exit 1 naming the
/// first entry that does not verify (edited, deleted, or the newest entries removed).</summary>
internal static class AuditCommand
{
    public const int Broken = 1;

    public static Command Create()
    {
        var audit = new Command("audit", "审计日志 / The audit log.");
        var store = new StoreOptions();
        var verify = new Command("verify", "校验审计日志的哈希链 / Verify the audit log's hash chain. 退出码 / exit codes: 0 完整 / intact; 1 被篡改，指出第一条 / broken, naming the first bad entry; 2 参数无效 / invalid input; 3 数据库不可用 / database unavailable.");
        store.AddTo(verify);
        verify.SetAction((parseResult, cancellationToken) => StoreCommand.RunAsync(parseResult, store, async workflowStore =>
        {
            var result = await workflowStore.Audit.VerifyAsync(cancellationToken);
            if (result.Intact)
            {
                parseResult.InvocationConfiguration.Output.WriteLine($"审计日志完整：{result.Entries} 条 / audit log intact: {result.Entries} entries");
                return 0;
            }

            parseResult.InvocationConfiguration.Error.WriteLine($"审计日志第 {result.BrokenAt} 条校验失败 / audit entry {result.BrokenAt} does not verify: {result.Reason}");
            return Broken;
        }, cancellationToken));
        audit.Subcommands.Add(verify);
        return audit;
    }
}
