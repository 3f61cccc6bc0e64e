namespace Reduction.Testing;

/// <summary>The checkout the tests run from: the folder holding Reduction.Workflows.sln, above the test binaries.</summary>
public static class RepositoryRoot
{
    public static string Path { get; } = Find();

    /// <summary>A path inside the repository, e.g. <c>RepositoryRoot.Combine("workflows")</c>.</summary>
    public static string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    private static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(directory.FullName, "Reduction.Workflows.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Reduction.Workflows.sln not found above the test binaries");
    }
}
