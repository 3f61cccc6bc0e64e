using System.Text;

namespace Reduction.Cli.Tests.Assess;

/// <summary>Runs the CLI in-process with captured output, and finds files in the source tree.</summary>
internal sealed record CliRun(int ExitCode, string Output, string Error)
{
    public static CliRun Of(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = CliApp.Run(args, output, error);
        return new CliRun(exitCode, output.ToString(), error.ToString());
    }

    /// <summary>Writes <paramref name="json"/> to a temporary file, runs `assess` on it, then deletes the file.</summary>
    public static CliRun AssessJson(string json, params string[] extraArgs)
    {
        var path = Path.Combine(Path.GetTempPath(), $"assess-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, json, new UTF8Encoding(false));
        try
        {
            return Of(["assess", "--input", path, .. extraArgs]);
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>The repository root: golden files are read from the source tree so they stay reviewable side by side.</summary>
    public static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Reduction.Workflows.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Reduction.Workflows.sln not found above " + AppContext.BaseDirectory);
    }

    public static string GoldenPath(string name) => Path.Combine(RepositoryRoot(), "tests", "Reduction.Cli.Tests", "Assess", "Golden", name);

    /// <summary>Compares with a golden file; REDUCTION_UPDATE_GOLDEN=1 rewrites it instead (review the diff before committing).</summary>
    public static void AssertMatchesGolden(string name, string actual)
    {
        var path = GoldenPath(name);
        if (Environment.GetEnvironmentVariable("REDUCTION_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(path, actual, new UTF8Encoding(false));
        }

        Assert.True(File.Exists(path), $"golden file {path} is missing; run with REDUCTION_UPDATE_GOLDEN=1 to create it");
        Assert.Equal(File.ReadAllText(path, Encoding.UTF8), actual);
    }
}
