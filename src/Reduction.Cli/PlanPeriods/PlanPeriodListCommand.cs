using System.CommandLine;
using Reduction.Cli.Workflows;
using Reduction.Domain.PlanPeriods;

namespace Reduction.Cli.PlanPeriods;

/// <summary>`reduction plan-periods list`: the stored periods, oldest first, with the values awaiting confirmation.</summary>
internal static class PlanPeriodListCommand
{
    private static readonly string[] Formats = ["table", "json"];

    public static Command Create()
    {
        var format = WorkflowsInput.FormatOption(Formats);
        var store = new StoreOptions();
        var command = new Command(
            "list",
            "列出数据库中的规划期；json 格式与 import 的文件格式相同，“待确认”列出沿用上一规划期、尚待管理员确认的字段 / "
                + "List the stored plan periods; json is the import file format; 'carried over' lists the fields copied from an "
                + "earlier period that an administrator has yet to confirm.\n" + StoreCommand.ExitCodes)
        {
            format,
        };
        store.AddTo(command);
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction((parseResult, cancellationToken) =>
        {
            if (WorkflowsInput.TryRejectUnmatched(parseResult, out var rejected))
            {
                return Task.FromResult(rejected);
            }

            if (!WorkflowsInput.TryGetFormat(parseResult, format, Formats, out var chosen, out var message))
            {
                return Task.FromResult(WorkflowsInput.Invalid(parseResult.InvocationConfiguration.Error, message));
            }

            return StoreCommand.RunAsync(parseResult, store, async workflows =>
            {
                var catalog = await workflows.Runtime.PlanPeriods.GetCatalogAsync(cancellationToken);
                var output = parseResult.InvocationConfiguration.Output;
                if (chosen == "json")
                {
                    await output.WriteLineAsync(PlanPeriodJson.WriteFile(catalog.Periods));
                }
                else
                {
                    PlanPeriodTableWriter.Write(output, catalog.Periods);
                }

                return 0;
            }, cancellationToken);
        });
        return command;
    }
}
