using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Reduction.Domain.Parties;
using Reduction.Workflows.Hosting;

namespace Reduction.Workflows.Tests.Parties;

public class PartyDirectoryOptionsTests
{
    private static ServiceProvider Services(string? directory)
    {
        var settings = new Dictionary<string, string?> { ["Storage:SqliteConnectionString"] = "Data Source=:memory:" };
        if (directory is not null)
        {
            settings["Parties:Directory"] = directory;
        }

        return new ServiceCollection().AddLogging().AddReductionWorkflows(new ConfigurationBuilder().AddInMemoryCollection(settings).Build()).BuildServiceProvider();
    }

    [Fact]
    public void AddReductionWorkflows_NoSetting_TibetDirectory()
    {
        using var provider = Services(null);

        var parties = provider.GetRequiredService<PartyDirectory>();

        Assert.Equal(PartyDirectory.LoadDefault().Parties.Select(p => p.Id), parties.Parties.Select(p => p.Id));
    }

    [Fact]
    public void AddReductionWorkflows_PartiesDirectoryNational_NationalDirectory()
    {
        using var provider = Services("national");

        var parties = provider.GetRequiredService<PartyDirectory>();

        Assert.Equal(333, parties.WithRole(PartyRole.Prefecture).Count);
        Assert.Equal(31, parties.WithRole(PartyRole.Province).Count);
    }

    [Fact]
    public void AddReductionWorkflows_PartiesDirectoryMissingFile_ResolvingNamesThePath()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"no-such-parties-{Guid.NewGuid():N}.json");
        using var provider = Services(missing);

        var error = Assert.Throws<FileNotFoundException>(() => provider.GetRequiredService<PartyDirectory>());

        Assert.Contains(missing, error.Message, StringComparison.Ordinal);
    }
}
