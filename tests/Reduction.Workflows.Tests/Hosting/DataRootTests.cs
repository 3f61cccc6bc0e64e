using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Reduction.Workflows.Hosting;
using Reduction.Workflows.Persistence;

namespace Reduction.Workflows.Tests.Hosting;

/// <summary>One test changes the process's current folder: the class runs alone (<see cref="CurrentFolderCollection"/>).</summary>
[Collection(CurrentFolderCollection.Name)]
public sealed class DataRootTests : IDisposable
{
    private readonly string _checkout = Directory.CreateTempSubdirectory("reduction-checkout-").FullName;

    public DataRootTests() => File.WriteAllText(Path.Combine(_checkout, DataRoot.CheckoutMarker), string.Empty);

    [Fact]
    public void Resolve_InsideCheckout_IsTheCheckoutRoot()
    {
        var project = Directory.CreateDirectory(Path.Combine(_checkout, "src", "Reduction.Server")).FullName;

        Assert.Equal(_checkout, DataRoot.Resolve(null, project));
        Assert.Equal(_checkout, DataRoot.Resolve("", _checkout));
    }

    [Fact]
    public void Resolve_OutsideCheckout_IsTheCurrentFolder()
    {
        var elsewhere = Directory.CreateTempSubdirectory("reduction-elsewhere-").FullName;
        try
        {
            Assert.Equal(elsewhere, DataRoot.Resolve(null, elsewhere));
        }
        finally
        {
            Directory.Delete(elsewhere);
        }
    }

    [Fact]
    public void Resolve_Configured_RelativeToTheCurrentFolder()
    {
        var project = Directory.CreateDirectory(Path.Combine(_checkout, "src")).FullName;

        Assert.Equal(Path.Combine(project, "data"), DataRoot.Resolve("data", project));
        Assert.Equal("/srv/reduction", DataRoot.Resolve("/srv/reduction", project));
    }

    [Theory]
    [InlineData("Data Source=.data/reduction.db", "Data Source=/root/.data/reduction.db")]
    [InlineData("Data Source=/var/lib/r.db", "Data Source=/var/lib/r.db")]
    [InlineData("Data Source=:memory:", "Data Source=:memory:")]
    [InlineData("Data Source=file:shared?mode=memory", "Data Source=file:shared?mode=memory")]
    public void SqliteConnectionString_RelativeFile_MadeAbsolute(string configured, string expected)
    {
        Assert.Equal(expected, DataRoot.SqliteConnectionString("/root", configured));
    }

    [Fact]
    public void AddReductionWorkflows_FromProjectFolderAndFromRoot_SameDatabaseFile()
    {
        var project = Directory.CreateDirectory(Path.Combine(_checkout, "src", "Reduction.Server")).FullName;

        var fromProject = StorageSeenFrom(project);
        var fromRoot = StorageSeenFrom(_checkout);

        Assert.Equal($"Data Source={Path.Combine(_checkout, ".data", "reduction.db")}", fromProject.SqliteConnectionString);
        Assert.Equal(fromProject.SqliteConnectionString, fromRoot.SqliteConnectionString);
    }

    public void Dispose() => Directory.Delete(_checkout, recursive: true);

    private static WorkflowStorageOptions StorageSeenFrom(string currentDirectory)
    {
        var previous = Directory.GetCurrentDirectory();
        var services = new ServiceCollection().AddReductionWorkflows(new ConfigurationBuilder().Build()).BuildServiceProvider();
        Directory.SetCurrentDirectory(currentDirectory);
        try
        {
            return services.GetRequiredService<IOptions<WorkflowStorageOptions>>().Value;
        }
        finally
        {
            Directory.SetCurrentDirectory(previous);
        }
    }
}
