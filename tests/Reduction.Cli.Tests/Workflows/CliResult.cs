namespace Reduction.Cli.Tests.Workflows;

/// <summary>Exit code and captured output of one run.</summary>
internal sealed record CliResult(int ExitCode, string Output, string Error)
{
    /// <summary>The first word of stdout: the id that `start` prints.</summary>
    public string FirstToken => Output.Split(' ', 2)[0].Trim();
}
