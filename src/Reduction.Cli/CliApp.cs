using System.CommandLine;
using Reduction.Cli.Accounts;
using Reduction.Cli.Assess;
using Reduction.Cli.Calendar;
using Reduction.Cli.Notices;
using Reduction.Cli.PlanPeriods;
using Reduction.Cli.Sanctions;
using Reduction.Cli.Simulation;
using Reduction.Cli.Workflows;

namespace Reduction.Cli;

/// <summary>The `reduction` command tree; tests call <c>Run</c> with captured writers.</summary>
public static class CliApp
{
    /// <summary>Exit code for invalid input (bad file, bad option value).</summary>
    public const int InvalidInput = 2;

    public static RootCommand CreateRootCommand()
    {
        var root = new RootCommand(
            "reduction: 西藏主要污染物总量减排考核工作流 / Tibet pollutant-reduction assessment workflows.")
        {
            ApiKeysCommand.Create(),
            AssessCommand.Create(),
            AuditCommand.Create(),
            CalendarCommand.Create(),
            NoticesCommand.Create(),
            PlanPeriodsCommand.Create(),
            SimulateCommand.Create(),
            SanctionsCommand.Create(),
            UsersCommand.Create(),
            WorkflowsCommand.Create(),
        };
        return root;
    }

    /// <summary>Where `--password-stdin` reads from: the console, or what a test gives.</summary>
    internal static TextReader Input => InputOverride.Value ?? Console.In;

    private static readonly AsyncLocal<TextReader?> InputOverride = new();

    public static int Run(string[] args, TextWriter output, TextWriter error, TextReader input)
    {
        InputOverride.Value = input;
        try
        {
            return Run(args, output, error);
        }
        finally
        {
            InputOverride.Value = null;
        }
    }

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        var parseResult = CreateRootCommand().Parse(args);
        if (parseResult.Errors.Count > 0 && !args.Any(a => a is "--help" or "-h" or "-?"))
        {
            foreach (var parseError in parseResult.Errors)
            {
                error.WriteLine($"参数错误 / invalid arguments: {parseError.Message}");
            }

            error.WriteLine("使用 --help 查看用法 / see --help for usage");
            return InvalidInput;
        }

        var configuration = new InvocationConfiguration { Output = output, Error = error };
        return parseResult.Invoke(configuration);
    }
}
