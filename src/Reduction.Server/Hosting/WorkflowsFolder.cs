namespace Reduction.Server.Hosting;

/// <summary>Finds the folder of workflow definitions to publish on start.</summary>
public static class WorkflowsFolder
{
    /// <summary>The configured folder (relative to <paramref name="contentRoot"/>), else the `workflows/` beside the
    /// nearest `Reduction.Workflows.sln` above the content root (a checkout), else `./workflows`; null when none exists.</summary>
    public static string? Resolve(string? configured, string contentRoot)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return Path.GetFullPath(configured, contentRoot);
        }

        for (var directory = new DirectoryInfo(contentRoot); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "workflows");
            if (Directory.Exists(candidate) && File.Exists(Path.Combine(directory.FullName, "Reduction.Workflows.sln")))
            {
                return candidate;
            }
        }

        var local = Path.Combine(contentRoot, "workflows");
        return Directory.Exists(local) ? local : null;
    }
}
