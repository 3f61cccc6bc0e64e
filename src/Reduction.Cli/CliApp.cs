using System.CommandLine;
using Reduction.Cli.Assess;
using Reduction.Cli.Calendar;

namespace Reduction.Cli;

/// <summary>The `reduction` command tree; tests call <see cref="Run"/> with captured writers.</summary>
public static class CliApp
{
    /// <summary>Exit code for invalid input (bad file, bad option value).</summary>
    public const int InvalidInput = 2;

    public static RootCommand CreateRootCommand()
    {
        var root = new RootCommand(
            "reduction: 西藏主要污染物总量减排考核工作流 / Tibet pollutant-reduction assessment workflows.")
        {
            AssessCommand.Create(),
            CalendarCommand.Create(),
        };
        return root;
    }

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        var parseResult = CreateRootCommand().Parse(args);
        var configuration = new InvocationConfiguration { Output = output, Error = error };
        return parseResult.Invoke(configuration);
    }
}
