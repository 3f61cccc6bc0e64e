using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using Reduction.Server.Tests.Answers;

namespace Reduction.Server.Tests.Support;

/// <summary>The `reduction` program as users run it: the CLI's build output (built beside this project, same
/// configuration) started as a process with `dotnet`, its standard output returned.</summary>
internal static class ReductionCli
{
    public static string Path()
    {
        var configuration = AppContext.BaseDirectory.Contains($"{System.IO.Path.DirectorySeparatorChar}Release{System.IO.Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        var path = System.IO.Path.Combine(AnswerFixture.RepositoryRoot(), "src", "Reduction.Cli", "bin", configuration, "net10.0", "reduction.dll");
        return File.Exists(path) ? path : throw new FileNotFoundException("the CLI is not built", path);
    }

    /// <summary>`reduction assess --input FILE` on <paramref name="cases"/>; the parsed JSON output.</summary>
    public static async Task<JsonObject> AssessAsync(JsonArray cases)
    {
        ArgumentNullException.ThrowIfNull(cases);
        var input = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"assess-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(input, new JsonObject { ["cases"] = cases.DeepClone() }.ToJsonString(), new UTF8Encoding(false));
        try
        {
            var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, StandardOutputEncoding = Encoding.UTF8 };
            foreach (var arg in new[] { Path(), "assess", "--input", input })
            {
                start.ArgumentList.Add(arg);
            }

            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            Assert.True(process.ExitCode == 0, $"reduction assess exited {process.ExitCode}: {await error}");
            return JsonNode.Parse(await output)!.AsObject();
        }
        finally
        {
            File.Delete(input);
        }
    }
}
