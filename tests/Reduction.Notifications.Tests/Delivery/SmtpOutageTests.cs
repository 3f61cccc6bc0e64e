using System.Net;
using System.Net.Sockets;
using Reduction.Notifications.Delivery;
using Reduction.Notifications.Messages;
using Reduction.Notifications.Tests.Support;
using Reduction.Testing;
using Reduction.Workflows.Persistence;

namespace Reduction.Notifications.Tests.Delivery;

/// <summary>The SMTP server goes away while notices are due, and comes back.</summary>
public class SmtpOutageTests(PostgresServer postgres) : IClassFixture<PostgresServer>
{
    [Fact]
    public async Task Sweep_SmtpDownThenUp_DeliversEveryNoticeOnceOverTheBurstsConnections()
    {
        await using var smtp = await Smtp4devServer.StartPrivateAsync();
        await using var host = await NotificationTestHost.CreateAsync(await postgres.CreateDatabaseAsync(), "2015-02-16T09:00",
            new SmtpMailTransport(new SmtpOptions { Host = smtp.Host, Port = smtp.Port, Security = SmtpSecurity.None, Timeout = TimeSpan.FromSeconds(5) }));
        host.DeliverOnQueue();
        await smtp.StopAsync();

        // Seven task notices fall due while the server is down: every attempt fails and is recorded.
        await host.StartAsync(Definitions.AllPrefectures);
        var failed = await host.NoticesAsync();
        Assert.Equal(7, failed.Count);
        Assert.All(failed, n =>
        {
            Assert.Equal(NoticeStatus.Pending, n.Status);
            Assert.Equal(1, n.Attempts);
            Assert.Equal(host.Clock.GetUtcNow() + host.DeliveryOptions.BackoffAfter(1), n.NextAttemptAt);
            Assert.Contains("could not connect", n.LastError, StringComparison.Ordinal);
        });

        // Not due yet: the sweep leaves them alone.
        Assert.Equal(0, await host.Delivery.SweepAsync());

        await smtp.StartAsync();
        host.Clock.Advance(host.DeliveryOptions.BackoffAfter(1));
        Assert.Equal(7, await host.Delivery.SweepAsync());
        Assert.Equal(0, await host.Delivery.SweepAsync());

        var sent = await host.NoticesAsync();
        Assert.All(sent, n => Assert.Equal(NoticeStatus.Sent, n.Status));
        Assert.All(sent, n => Assert.Equal(2, n.Attempts));
        var messages = await smtp.WaitForAsync(host.Domain, 7);
        Assert.Equal(7, messages.Count);
        var ids = new List<string>();
        foreach (var summary in messages)
        {
            ids.Add((await smtp.MessageAsync(summary.Id)).MessageId ?? "");
        }

        Assert.Equal(sent.Select(n => MessageIds.For(n.IdempotencyKey, "reduction.local")).Order(), ids.Order());
        // One burst: at most Connections connections, together carrying the seven.
        var sessions = (await smtp.SessionsAsync()).Where(s => s.NumberOfMessages > 0).ToList();
        Assert.InRange(sessions.Count, 1, host.DeliveryOptions.Connections);
        Assert.Equal(7, sessions.Sum(s => s.NumberOfMessages));
    }

    [Fact]
    public async Task Deliver_ServerNeverAnswers_DeadLettersAfterMaxAttemptsAndAlertsAdministrators()
    {
        var options = new DeliveryOptions { MaxAttempts = 3, InitialBackoff = TimeSpan.FromMinutes(1) };
        await using var host = await NotificationTestHost.CreateAsync(null, "2015-02-16T09:00",
            new SmtpMailTransport(new SmtpOptions { Host = "127.0.0.1", Port = ClosedPort(), Security = SmtpSecurity.None, Timeout = TimeSpan.FromSeconds(5) }), options);
        host.DeliverOnQueue();
        await host.StartAsync(Definitions.AnnualPlan);
        var notice = Assert.Single(await host.NoticesAsync());
        Assert.Equal(1, notice.Attempts);

        host.Clock.Advance(TimeSpan.FromMinutes(1));
        await host.Delivery.SweepAsync();
        notice = (await host.NoticesAsync()).Single(n => n.Id == notice.Id);
        Assert.Equal(NoticeStatus.Pending, notice.Status);
        Assert.Equal(2, notice.Attempts);
        Assert.Equal(host.Clock.GetUtcNow() + TimeSpan.FromMinutes(2), notice.NextAttemptAt);

        host.Clock.Advance(TimeSpan.FromMinutes(2));
        await host.Delivery.SweepAsync();

        var rows = await host.NoticesAsync();
        notice = rows.Single(n => n.Id == notice.Id);
        Assert.Equal(NoticeStatus.DeadLetter, notice.Status);
        Assert.Equal(3, notice.Attempts);
        Assert.Null(notice.NextAttemptAt);
        Assert.NotNull(notice.LastError);
        var alert = Assert.Single(rows, n => n.TemplateKey == NoticeDelivery.AlertTemplate);
        Assert.Equal("[\"epb\"]", alert.RecipientPartiesJson);
        Assert.Contains(notice.IdempotencyKey, alert.ModelJson, StringComparison.Ordinal);

        // With a working transport the alert goes to the administrators only, as a rendered notice.
        var folder = Path.Combine(Path.GetTempPath(), $"reduction-alert-{Guid.NewGuid():N}");
        host.Transport.Inner = new PickupFolderTransport(folder);
        host.Clock.Advance(TimeSpan.FromMinutes(5));
        await host.Delivery.SweepAsync();
        var file = Assert.Single(Directory.GetFiles(folder, "*.eml"));
        var message = await MimeKit.MimeMessage.LoadAsync(file);
        Assert.Equal(host.AddressOf("epb"), message.To.Mailboxes.Single().Address);
        Assert.StartsWith("通知投递失败：task-issued", message.Subject, StringComparison.Ordinal);
        Assert.Equal(NoticeStatus.DeadLetter, (await host.NoticesAsync()).Single(n => n.Id == notice.Id).Status);
        Directory.Delete(folder, recursive: true);
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
