namespace Reduction.Notifications.Tests.Support;

/// <summary>Folders of the source checkout the tests read (templates) and write (golden files on request).</summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string Templates => Path.Combine(Root, "templates");

    public static string Golden => Path.Combine(Root, "tests", "Reduction.Notifications.Tests", "Golden");

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Reduction.Workflows.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Reduction.Workflows.sln not found above " + AppContext.BaseDirectory);
    }
}
