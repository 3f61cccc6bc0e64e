using MimeKit;
using Reduction.Notifications.Delivery;
using Reduction.Notifications.Messages;
using Reduction.Notifications.Tests.Support;
using Reduction.Workflows.Persistence;

namespace Reduction.Notifications.Tests.Delivery;

/// <summary>Without an SMTP server notices are written to the pickup folder (SQLite is enough here).</summary>
public class PickupFolderTests
{
    [Fact]
    public async Task Deliver_NoSmtpConfigured_WritesOneEmlPerNotice()
    {
        var folder = Directory.CreateTempSubdirectory("reduction-pickup-").FullName;
        try
        {
            await using var host = await NotificationTestHost.CreateAsync(null, "2015-02-16T09:00", new PickupFolderTransport(folder));
            host.DeliverOnQueue();
            await host.StartAsync(Definitions.AnnualPlan);
            var row = Assert.Single(await host.NoticesAsync());
            Assert.Equal(NoticeStatus.Sent, row.Status);

            // A re-delivery replaces the file instead of adding one.
            await host.ForgetSentAsync(row.Id);
            await host.Delivery.DeliverAsync(row.Id);

            var file = Assert.Single(Directory.GetFiles(folder));
            Assert.EndsWith(".eml", file, StringComparison.Ordinal);
            var message = await MimeMessage.LoadAsync(file);
            Assert.Equal(MessageIds.For(row.IdempotencyKey, "reduction.local"), message.MessageId);
            Assert.Equal("关于报送2015年度主要污染物总量减排计划（拉萨市）的通知", message.Subject);
            Assert.Equal(host.AddressOf("lhasa"), message.To.Mailboxes.Single().Address);
            Assert.Contains(NotificationTestHost.BaseUrl + "/t/", message.TextBody, StringComparison.Ordinal);
            Assert.Single(message.Attachments);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
