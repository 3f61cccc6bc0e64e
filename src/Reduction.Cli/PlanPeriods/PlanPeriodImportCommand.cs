using System.CommandLine;
using System.Text;
using Reduction.Cli.Workflows;
using Reduction.Domain.PlanPeriods;
using Reduction.Workflows.PlanPeriods;

namespace Reduction.Cli.PlanPeriods;

/// <summary>`reduction plan-periods import FILE`: adds or replaces periods from a file in the data-file format, all or nothing.</summary>
internal static class PlanPeriodImportCommand
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static Command Create()
    {
        var file = new Argument<string>("FILE")
        {
            Description = "规划期文件（UTF-8 JSON，{\"planPeriods\": [...]}，格式同 list --format json） / "
                + "Plan-period file (UTF-8 JSON, {\"planPeriods\": [...]}, the format of list --format json).",
        };
        var store = new StoreOptions();
        var command = new Command(
            "import",
            "导入规划期：同一标识的规划期被替换，其余保留；年份重叠、未知污染物或目标类型时拒绝，不保存任何内容。"
                + "去掉 carriedOver 中的字段即表示管理员已确认 / "
                + "Import plan periods: a period replaces the stored one of the same id, others stay; overlapping years, unknown "
                + "pollutants or target kinds are refused and nothing is stored. Removing a field from carriedOver confirms it.\n"
                + StoreCommand.ExitCodes)
        {
            file,
        };
        store.AddTo(command);
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction((parseResult, cancellationToken) =>
        {
            var error = parseResult.InvocationConfiguration.Error;
            if (WorkflowsInput.TryRejectUnmatched(parseResult, out var rejected))
            {
                return Task.FromResult(rejected);
            }

            var path = parseResult.GetValue(file)!;
            PlanPeriodCatalog imported;
            try
            {
                imported = PlanPeriodCatalog.Parse(File.ReadAllText(path, StrictUtf8));
            }
            catch (Exception e) when (e is FormatException or ArgumentException)
            {
                return Task.FromResult(Refuse(error, e.Message));
            }
            catch (DecoderFallbackException)
            {
                return Task.FromResult(Refuse(error, $"文件“{path}”不是有效的 UTF-8 文本 / file '{path}' is not valid UTF-8"));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
            {
                return Task.FromResult(Refuse(error, $"无法读取文件“{path}” / cannot read file '{path}': {e.Message}"));
            }

            if (imported.Periods.Count == 0)
            {
                return Task.FromResult(Refuse(error, "文件中没有规划期 / the file holds no plan periods"));
            }

            return StoreCommand.RunAsync(parseResult, store, async workflows =>
            {
                PlanPeriodImportResult result;
                try
                {
                    result = await workflows.Runtime.PlanPeriods.ImportAsync(imported, "cli:" + Environment.UserName, "cli", cancellationToken);
                }
                catch (ArgumentException e)
                {
                    return Refuse(error, e.Message);
                }

                var output = parseResult.InvocationConfiguration.Output;
                await output.WriteLineAsync(
                    $"已导入规划期 / plan periods imported: 新增 / added {List(result.Added)}; 更新 / changed {List(result.Changed)}; 未变 / unchanged {List(result.Unchanged)}");
                return 0;
            }, cancellationToken);
        });
        return command;
    }

    private static string List(IReadOnlyList<string> ids) => ids.Count == 0 ? "-" : string.Join(", ", ids);

    private static int Refuse(TextWriter error, string message) =>
        WorkflowsInput.Invalid(error, $"规划期未导入 / plan periods not imported: {message}");
}
