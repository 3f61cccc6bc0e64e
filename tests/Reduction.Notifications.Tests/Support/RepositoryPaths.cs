namespace Reduction.Notifications.Tests.Support;

/// <summary>Folders of the source checkout the tests read (templates) and write (golden files on request).</summary>
internal static class RepositoryPaths
{
    public static string Root => Reduction.Testing.RepositoryRoot.Path;

    public static string Templates => Path.Combine(Root, "templates");

    public static string Golden => Path.Combine(Root, "tests", "Reduction.Notifications.Tests", "Golden");
}
