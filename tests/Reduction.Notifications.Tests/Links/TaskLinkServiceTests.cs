using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Reduction.Notifications.Delivery;
using Reduction.Notifications.Links;
using Reduction.Notifications.Tests.Support;
using Reduction.Workflows.Persistence;

namespace Reduction.Notifications.Tests.Links;

/// <summary>Task links on SQLite: tokens, hashes, expiry, revocation and re-issue.</summary>
public class TaskLinkServiceTests
{
    [Fact]
    public async Task Issue_Twice_ReturnsSameLinkAndStoresOnlyItsHash()
    {
        await using var host = await CreateHostAsync();
        var task = await AddTaskAsync(host);

        var first = await host.Links.IssueAsync(task.Id);
        var second = await host.Links.IssueAsync(task.Id);

        Assert.Equal(first, second);
        Assert.Equal($"{NotificationTestHost.BaseUrl}/t/{first.Token}", first.Url);
        Assert.Matches("^[A-Za-z0-9_-]{43}$", first.Token);
        await using var db = host.Database.CreateContext();
        var record = Assert.Single(await db.TaskLinks.AsNoTracking().ToListAsync());
        var tokenBytes = Convert.FromBase64String(first.Token.Replace('-', '+').Replace('_', '/') + "=");
        Assert.Equal(32, tokenBytes.Length);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(tokenBytes)), record.TokenHash);
        var stored = JsonSerializer.Serialize(record);
        Assert.DoesNotContain(first.Token, stored, StringComparison.Ordinal);
        Assert.DoesNotContain(Convert.ToHexStringLower(tokenBytes), stored, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(Convert.ToBase64String(tokenBytes), stored, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Resolve_IssuedToken_OpensTheTaskForItsParty()
    {
        await using var host = await CreateHostAsync();
        var task = await AddTaskAsync(host);
        var link = await host.Links.IssueAsync(task.Id);

        var resolution = await host.Links.ResolveAsync(link.Token);

        Assert.Equal(TaskLinkStatus.Valid, resolution.Status);
        Assert.Equal(task.Id, resolution.TaskId);
        Assert.Equal("lhasa", resolution.PartyId);
        Assert.Equal(link.LinkId, resolution.LinkId);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("../../etc/passwd")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA+")]
    public async Task Resolve_MalformedToken_IsInvalid(string? token)
    {
        await using var host = await CreateHostAsync();

        var resolution = await host.Links.ResolveAsync(token);

        Assert.Equal(TaskLinkStatus.Invalid, resolution.Status);
        Assert.Null(resolution.TaskId);
        Assert.NotNull(resolution.Message);
    }

    [Fact]
    public async Task Resolve_ForgedToken_IsInvalidAndRevealsNothing()
    {
        await using var host = await CreateHostAsync();
        var task = await AddTaskAsync(host);
        var real = await host.Links.IssueAsync(task.Id);
        var forged = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var tampered = (real.Token[0] == 'A' ? "B" : "A") + real.Token[1..];

        Assert.Equal(TaskLinkResolution.Invalid, await host.Links.ResolveAsync(forged));
        Assert.Equal(TaskLinkResolution.Invalid, await host.Links.ResolveAsync(tampered));
    }

    [Fact]
    public async Task Resolve_TaskClosed_ValidThroughGracePeriodThenExpired()
    {
        await using var host = await CreateHostAsync();
        var task = await AddTaskAsync(host);
        var link = await host.Links.IssueAsync(task.Id);
        await using (var db = host.Database.CreateContext())
        {
            var closedAt = host.Clock.GetUtcNow().ToUniversalTime();
            await db.Tasks.Where(t => t.Id == task.Id).ExecuteUpdateAsync(s => s.SetProperty(t => t.ClosedAt, closedAt).SetProperty(t => t.Status, TaskState.Submitted));
        }

        host.Clock.Advance(TimeSpan.FromDays(7) - TimeSpan.FromSeconds(1));
        Assert.Equal(TaskLinkStatus.Valid, (await host.Links.ResolveAsync(link.Token)).Status);

        host.Clock.Advance(TimeSpan.FromSeconds(1));
        var expired = await host.Links.ResolveAsync(link.Token);
        Assert.Equal(TaskLinkStatus.Expired, expired.Status);
        Assert.Null(expired.TaskId);
        await Assert.ThrowsAsync<InvalidOperationException>(() => host.Links.IssueAsync(task.Id));
    }

    [Fact]
    public async Task Resolve_RevokedLink_IsRevoked()
    {
        await using var host = await CreateHostAsync();
        var task = await AddTaskAsync(host);
        var link = await host.Links.IssueAsync(task.Id);

        Assert.Equal(1, await host.Links.RevokeAsync(task.Id, "邮箱泄露"));

        var resolution = await host.Links.ResolveAsync(link.Token);
        Assert.Equal(TaskLinkStatus.Revoked, resolution.Status);
        Assert.Null(resolution.TaskId);
    }

    [Fact]
    public async Task Reissue_LiveLink_RevokesItAndQueuesANewLinkToTheRegisteredAddress()
    {
        await using var host = await CreateHostAsync();
        var folder = Path.Combine(Path.GetTempPath(), $"reduction-reissue-{Guid.NewGuid():N}");
        host.Transport.Inner = new PickupFolderTransport(folder);
        var task = await AddTaskAsync(host);
        var old = await host.Links.IssueAsync(task.Id);

        var noticeId = await host.Links.ReissueAsync(task.Id, "承办人更换");
        await host.Delivery.DeliverAsync(noticeId);

        Assert.Equal(TaskLinkStatus.Revoked, (await host.Links.ResolveAsync(old.Token)).Status);
        var notice = Assert.Single(await host.NoticesAsync());
        Assert.Equal("task-issued", notice.TemplateKey);
        Assert.Equal("[\"lhasa\"]", notice.RecipientPartiesJson);
        Assert.Equal(NoticeStatus.Sent, notice.Status);
        var message = await MimeKit.MimeMessage.LoadAsync(Assert.Single(Directory.GetFiles(folder)));
        Assert.Equal(host.AddressOf("lhasa"), message.To.Mailboxes.Single().Address);
        var url = message.TextBody!.Split('\n').Select(l => l.Trim('　')).Single(l => l.StartsWith(NotificationTestHost.BaseUrl, StringComparison.Ordinal));
        var fresh = await host.Links.ResolveAsync(url[(NotificationTestHost.BaseUrl.Length + 3)..]);
        Assert.Equal(TaskLinkStatus.Valid, fresh.Status);
        Assert.NotEqual(old.LinkId, fresh.LinkId);
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task Resolve_TaskReassigned_OldPartyLinkIsRevoked()
    {
        await using var host = await CreateHostAsync();
        var task = await AddTaskAsync(host);
        var link = await host.Links.IssueAsync(task.Id);
        await using (var db = host.Database.CreateContext())
        {
            await db.Tasks.Where(t => t.Id == task.Id).ExecuteUpdateAsync(s => s.SetProperty(t => t.AssigneePartyId, "shigatse"));
        }

        Assert.Equal(TaskLinkStatus.Revoked, (await host.Links.ResolveAsync(link.Token)).Status);
        var fresh = await host.Links.IssueAsync(task.Id);
        Assert.Equal("shigatse", fresh.PartyId);
        Assert.Equal(TaskLinkStatus.Valid, (await host.Links.ResolveAsync(fresh.Token)).Status);
    }

    private static Task<NotificationTestHost> CreateHostAsync() =>
        NotificationTestHost.CreateAsync(null, "2015-02-16T09:00", new PickupFolderTransport(Path.Combine(Path.GetTempPath(), "reduction-unused")));

    private static async Task<TaskRecord> AddTaskAsync(NotificationTestHost host)
    {
        var now = host.Clock.GetUtcNow().ToUniversalTime();
        var task = new TaskRecord
        {
            Id = Guid.CreateVersion7(),
            InstanceId = Guid.CreateVersion7(),
            ActivityId = "plan",
            BookmarkId = Guid.CreateVersion7(),
            Kind = "annual-plan",
            Title = "2015年度主要污染物总量减排计划（拉萨市）",
            AssigneePartyId = "lhasa",
            Status = TaskState.Open,
            DueAt = NotificationTestHost.Beijing("2015-03-15T23:59:59").ToUniversalTime(),
            LateFrom = NotificationTestHost.Beijing("2015-03-16T00:00:00").ToUniversalTime(),
            CalendarKey = "lhasa",
            CreatedAt = now,
        };
        await using var db = host.Database.CreateContext();
        db.Tasks.Add(task);
        await db.SaveChangesAsync();
        return task;
    }
}
