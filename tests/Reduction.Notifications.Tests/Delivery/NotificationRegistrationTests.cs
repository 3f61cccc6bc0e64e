using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Reduction.Notifications.Delivery;
using Reduction.Notifications.Hosting;
using Reduction.Notifications.Tests.Support;
using Reduction.Testing;
using Reduction.Workflows.Hosting;
using Reduction.Workflows.Notices;

namespace Reduction.Notifications.Tests.Delivery;

public class NotificationRegistrationTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void AddReductionNotifications_EitherOrder_ReplacesTheDoNothingDelivery(bool workflowsFirst)
    {
        using var database = new SqliteTestDatabase();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:SqliteConnectionString"] = database.ConnectionString,
            ["Hangfire:SqlitePath"] = Path.Combine(database.DirectoryPath, "hangfire.db"),
            ["Notifications:TemplatesFolder"] = RepositoryPaths.Templates,
            ["Notifications:PickupFolder"] = Path.Combine(database.DirectoryPath, "outbox"),
        }).Build();
        var services = new ServiceCollection().AddLogging();
        if (workflowsFirst)
        {
            services.AddReductionWorkflows(configuration).AddReductionNotifications(configuration);
        }
        else
        {
            services.AddReductionNotifications(configuration).AddReductionWorkflows(configuration);
        }

        using var provider = services.BuildServiceProvider();

        Assert.IsType<NoticeDelivery>(provider.GetRequiredService<INoticeDelivery>());
        Assert.IsType<PickupFolderTransport>(provider.GetRequiredService<IMailTransport>());
    }
}
