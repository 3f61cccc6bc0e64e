namespace Reduction.Benchmarks.Support;

/// <summary>The repository the program runs from: the folder above the program (or the working directory) that holds
/// the tool manifest <c>.config/dotnet-tools.json</c>.</summary>
internal static class RepoPaths
{
    public static string Root { get; } = Find();

    private static string Find()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
            {
                if (File.Exists(Path.Combine(folder.FullName, ".config", "dotnet-tools.json")))
                {
                    return folder.FullName;
                }
            }
        }

        throw new InvalidOperationException($"no .config/dotnet-tools.json above {AppContext.BaseDirectory} or {Directory.GetCurrentDirectory()}: run from the repository");
    }
}
