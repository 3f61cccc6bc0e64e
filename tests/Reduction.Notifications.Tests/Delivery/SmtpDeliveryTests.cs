using System.Text;
using MimeKit;
using Reduction.Notifications.Delivery;
using Reduction.Notifications.Links;
using Reduction.Notifications.Messages;
using Reduction.Notifications.Tests.Support;
using Reduction.Testing;
using Reduction.Workflows.Persistence;

namespace Reduction.Notifications.Tests.Delivery;

/// <summary>Notices from a real workflow on PostgreSQL, delivered through smtp4dev and read back from its raw source.</summary>
public class SmtpDeliveryTests(PostgresServer postgres) : IClassFixture<PostgresServer>
{
    [Fact]
    public async Task Deliver_TaskIssued_SendsOfficialNoticeWithLinkAndCalendar()
    {
        var smtp = await Smtp4devServer.SharedAsync();
        await using var host = await CreateHostAsync(smtp);
        host.DeliverOnQueue();

        await host.StartAsync(Definitions.AnnualPlan);

        var row = Assert.Single(await host.NoticesAsync());
        Assert.Equal(NoticeStatus.Sent, row.Status);
        Assert.Equal(1, row.Attempts);
        var summary = Assert.Single(await smtp.WaitForAsync(host.Domain, 1));
        var raw = await smtp.RawAsync(summary.Id);
        var message = await smtp.MessageAsync(summary.Id);

        // Headers: Chinese subject RFC 2047-encoded, a Message-ID from the idempotency key, the document number.
        Assert.Matches(@"(?m)^Subject: =\?utf-8\?[bq]\?", raw);
        Assert.Equal("关于报送2015年度主要污染物总量减排计划（拉萨市）的通知", message.Subject);
        Assert.Equal(MessageIds.For(row.IdempotencyKey, "reduction.local"), message.MessageId);
        Assert.Equal("noreply@hbt.xizang.example.gov.cn", message.From.Mailboxes.Single().Address);
        Assert.Equal("西藏自治区环境保护厅", message.From.Mailboxes.Single().Name);
        Assert.Equal(host.AddressOf("lhasa"), message.To.Mailboxes.Single().Address);
        Assert.Equal("藏环发〔2015〕1号", message.Headers[NoticeMessage.DocumentNumberHeader]);
        Assert.Equal("auto-generated", message.Headers["Auto-Submitted"]);

        // Body: the official-document layout, Beijing deadline, and a link that opens this task for Lhasa.
        var text = message.TextBody ?? "";
        Assert.Contains("西藏自治区环境保护厅文件\n藏环发〔2015〕1号", text);
        Assert.Contains("拉萨市人民政府：", text);
        Assert.Contains("请于北京时间2015年3月15日24时前报送", text);
        Assert.Contains("2015年2月16日", text);
        var url = text.Split('\n').Select(l => l.Trim('　', ' ')).Single(l => l.StartsWith(NotificationTestHost.BaseUrl + "/t/", StringComparison.Ordinal));
        Assert.Contains($"href=\"{url}\"", message.HtmlBody);
        var resolution = await host.Links.ResolveAsync(url[(NotificationTestHost.BaseUrl.Length + 3)..]);
        Assert.Equal(TaskLinkStatus.Valid, resolution.Status);
        Assert.Equal(row.TaskId, resolution.TaskId);
        Assert.Equal("lhasa", resolution.PartyId);

        // The deadline as a calendar attachment.
        var calendar = message.Attachments.OfType<MimePart>().Single();
        Assert.Equal("text/calendar", calendar.ContentType.MimeType);
        Assert.Equal("deadline.ics", calendar.FileName);
        using var ics = new MemoryStream();
        calendar.Content!.DecodeTo(ics);
        var icsText = Encoding.UTF8.GetString(ics.ToArray());
        Assert.Contains("DTSTART:20150315T155959Z", icsText);
        Assert.Contains($"UID:task-{row.TaskId:N}@reduction.local", icsText);
    }

    [Fact]
    public async Task Deliver_ForcedRedelivery_SendsSameMessageIdNumberAndLink()
    {
        var smtp = await Smtp4devServer.SharedAsync();
        await using var host = await CreateHostAsync(smtp);
        host.DeliverOnQueue();
        await host.StartAsync(Definitions.AnnualPlan);
        var row = Assert.Single(await host.NoticesAsync());
        await smtp.WaitForAsync(host.Domain, 1);

        // A crash between the SMTP hand-off and marking the row sent: the notice goes out again.
        await host.ForgetSentAsync(row.Id);
        await host.Delivery.DeliverAsync(row.Id);

        var summaries = await smtp.WaitForAsync(host.Domain, 2);
        Assert.Equal(2, summaries.Count);
        var first = await smtp.MessageAsync(summaries[0].Id);
        var second = await smtp.MessageAsync(summaries[1].Id);
        Assert.Equal(first.MessageId, second.MessageId);
        Assert.Equal(MessageIds.For(row.IdempotencyKey, "reduction.local"), first.MessageId);
        Assert.Equal(first.TextBody, second.TextBody);
        Assert.Equal(first.HtmlBody, second.HtmlBody);
        Assert.Equal(NoticeStatus.Sent, Assert.Single(await host.NoticesAsync()).Status);
    }

    [Fact]
    public async Task Deliver_RowAlreadySent_SendsNothing()
    {
        var smtp = await Smtp4devServer.SharedAsync();
        await using var host = await CreateHostAsync(smtp);
        host.DeliverOnQueue();
        await host.StartAsync(Definitions.AnnualPlan);
        var row = Assert.Single(await host.NoticesAsync());

        await host.Delivery.DeliverAsync(row.Id);
        await host.Delivery.SweepAsync();

        await Task.Delay(500);
        Assert.Single(await smtp.MessagesToAsync(host.Domain));
        Assert.Equal(1, Assert.Single(await host.NoticesAsync()).Attempts);
    }

    [Fact]
    public async Task Workflow_RemindedAndEscalated_EveryNoticeRendersAndArrives()
    {
        var smtp = await Smtp4devServer.SharedAsync();
        await using var host = await CreateHostAsync(smtp);
        host.DeliverOnQueue();
        await host.StartAsync(Definitions.AnnualPlan);

        await host.RunUntilAsync("2015-03-25T00:00");

        var rows = await host.NoticesAsync();
        Assert.Equal(["task-issued", "reminder", "reminder", "overdue", "escalation", "escalation"], rows.Select(r => r.TemplateKey));
        Assert.All(rows, r => Assert.Equal(NoticeStatus.Sent, r.Status));
        var messages = new List<MimeMessage>();
        foreach (var summary in await smtp.WaitForAsync(host.Domain, rows.Count))
        {
            messages.Add(await smtp.MessageAsync(summary.Id));
        }

        Assert.Equal(rows.Count, messages.Count);
        var byId = messages.ToDictionary(m => m.MessageId ?? "");
        var reminder = byId[MessageIds.For(rows[1].IdempotencyKey, "reduction.local")];
        Assert.Contains("距报送期限还有4日（其中工作日2个）", reminder.TextBody);
        Assert.Contains(NotificationTestHost.BaseUrl + "/t/", reminder.TextBody);
        Assert.Contains("藏环函〔2015〕1号", reminder.TextBody);

        // The overdue notice goes to the party, copied to the EPB, without a link.
        var overdue = byId[MessageIds.For(rows[3].IdempotencyKey, "reduction.local")];
        Assert.Equal(host.AddressOf("lhasa"), overdue.To.Mailboxes.Single().Address);
        Assert.Contains(host.AddressOf("epb"), overdue.Cc.Mailboxes.Select(m => m.Address));
        Assert.DoesNotContain("/t/", overdue.TextBody);

        // The escalation names the party, the task, how late, and the rule; it goes to supervision.
        var escalation = byId[MessageIds.For(rows[4].IdempotencyKey, "reduction.local")];
        Assert.Equal(host.AddressOf("supervision"), escalation.To.Mailboxes.Single().Address);
        Assert.Contains("西藏自治区监察厅：", escalation.TextBody);
        Assert.Contains("拉萨市人民政府承办的2015年度主要污染物总量减排计划（拉萨市）", escalation.TextBody);
        Assert.Contains("已逾期3日", escalation.TextBody);
        Assert.Contains("期限届满后第3个工作日启动第二级督办", escalation.TextBody);
        Assert.DoesNotContain("/t/", escalation.TextBody);

        // Every document number is unique.
        var numbers = messages.Select(m => m.Headers[NoticeMessage.DocumentNumberHeader]).ToList();
        Assert.Equal(numbers.Count, numbers.Distinct().Count());
    }

    private async Task<NotificationTestHost> CreateHostAsync(Smtp4devServer smtp) =>
        await NotificationTestHost.CreateAsync(await postgres.CreateDatabaseAsync(), "2015-02-16T09:00",
            new SmtpMailTransport(new SmtpOptions { Host = smtp.Host, Port = smtp.Port, Security = SmtpSecurity.None }));
}
