using Reduction.Server.Hosting;

namespace Reduction.Server.Tests.Hosting;

public sealed class WorkflowsFolderTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("reduction-folder-").FullName;

    [Fact]
    public void Resolve_Configured_RelativeToContentRoot()
    {
        Assert.Equal(Path.Combine(_root, "defs"), WorkflowsFolder.Resolve("defs", _root));
        Assert.Equal("/srv/defs", WorkflowsFolder.Resolve("/srv/defs", _root));
    }

    [Fact]
    public void Resolve_InsideACheckout_FindsTheRepositoryFolderAbove()
    {
        Directory.CreateDirectory(Path.Combine(_root, "workflows"));
        File.WriteAllText(Path.Combine(_root, "Reduction.Workflows.sln"), string.Empty);
        var contentRoot = Directory.CreateDirectory(Path.Combine(_root, "src", "Reduction.Server")).FullName;

        Assert.Equal(Path.Combine(_root, "workflows"), WorkflowsFolder.Resolve(null, contentRoot));
    }

    [Fact]
    public void Resolve_OutsideACheckout_UsesLocalFolderOrNothing()
    {
        var contentRoot = Directory.CreateDirectory(Path.Combine(_root, "app")).FullName;
        Assert.Null(WorkflowsFolder.Resolve("", contentRoot));

        Directory.CreateDirectory(Path.Combine(contentRoot, "workflows"));
        Assert.Equal(Path.Combine(contentRoot, "workflows"), WorkflowsFolder.Resolve(null, contentRoot));
    }

    [Fact]
    public void Resolve_RepositoryCheckout_FindsShippedDefinitions()
    {
        var folder = WorkflowsFolder.Resolve(null, AppContext.BaseDirectory);

        Assert.NotNull(folder);
        Assert.True(File.Exists(Path.Combine(folder, "demo-task-escalation.json")));
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
