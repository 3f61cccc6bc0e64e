using System.Diagnostics;
using Reduction.Testing;

namespace Reduction.Server.Tests.Setup;

/// <summary>The set-up steps of the README's test command (scripts/test-env.sh), run by bash with a stand-in `dotnet` on
/// the PATH: the tool restore that fails on a fresh machine is retried one tool at a time, and a step that still fails
/// says which step it was.</summary>
public sealed class TestScriptTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("reduction-test-script-").FullName;

    [Fact]
    public async Task RestoreTools_FirstRestoreFails_RetriesOnceOneToolAtATime()
    {
        var result = await RunStepAsync(failures: 1);

        Assert.True(result.ExitCode == 0, result.Output);
        Assert.Contains("[test] dotnet tool restore failed, retrying once", result.Output, StringComparison.Ordinal);
        Assert.Equal(["tool restore --disable-parallel", "tool restore --disable-parallel"], Calls());
    }

    [Fact]
    public async Task RestoreTools_FailsTwice_NamesTheStepAndStops()
    {
        var result = await RunStepAsync(failures: 2);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("[test] set-up step failed (exit 1): restoring the dotnet tools", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("after the step", result.Output, StringComparison.Ordinal);
        Assert.Equal(2, Calls().Length);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string[] Calls() => File.ReadAllLines(Path.Combine(_folder, "calls"));

    private async Task<(int ExitCode, string Output)> RunStepAsync(int failures)
    {
        var bin = Directory.CreateDirectory(Path.Combine(_folder, "bin")).FullName;
        var fake = Path.Combine(bin, "dotnet");
        // Fails the first `failures` calls with the message a fresh machine printed, then succeeds.
        await File.WriteAllTextAsync(fake, $$"""
            #!/usr/bin/env bash
            echo "$*" >> "{{_folder}}/calls"
            n=$(wc -l < "{{_folder}}/calls")
            if [ "$n" -le {{failures}} ]; then
              echo 'The command "dotnet-ef" specified in the tool manifest file is not contained in the package with Package Id dotnet-ef.' >&2
              exit 1
            fi
            echo "Restore was successful."
            """);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(fake, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        var script = $"""
            set -Eeuo pipefail
            ROOT='{RepositoryRoot.Path}'; WORK='{_folder}/work'; mkdir -p "$WORK"
            source "$ROOT/scripts/test-env.sh"
            trap on_error ERR
            step "restoring the dotnet tools"
            restore_tools
            echo "after the step"
            """;
        var start = new ProcessStartInfo("bash", ["-c", script]) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["PATH"] = $"{bin}:{Environment.GetEnvironmentVariable("PATH")}";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output + await error);
    }
}
