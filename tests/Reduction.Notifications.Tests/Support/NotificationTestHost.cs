using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Reduction.Domain.Calendar;
using Reduction.Domain.Parties;
using Reduction.Notifications.Contacts;
using Reduction.Notifications.Delivery;
using Reduction.Notifications.Documents;
using Reduction.Notifications.Hosting;
using Reduction.Notifications.Links;
using Reduction.Notifications.Templates;
using Reduction.Workflows.Definitions;
using Reduction.Workflows.Execution;
using Reduction.Workflows.Persistence;
using Reduction.Workflows.Scheduling;
using Reduction.Workflows.Tasks;

namespace Reduction.Notifications.Tests.Support;

/// <summary>The workflow runtime on a real database under a virtual clock, with real notice delivery through the
/// given transport and contacts under a domain of the test's own (so a shared smtp4dev's other mail is ignored).</summary>
internal sealed class NotificationTestHost : IAsyncDisposable
{
    public const string BaseUrl = "https://reduction.example.gov.cn";

    private readonly string _folder;

    private NotificationTestHost(WorkflowDatabase database, FakeTimeProvider clock, IMailTransport transport, DeliveryOptions delivery, string folder)
    {
        _folder = folder;
        Domain = $"t{Guid.NewGuid():N}"[..13] + ".example.gov.cn";
        Clock = clock;
        Scheduler = new VirtualClockScheduler(clock.GetUtcNow, clock.SetUtcNow);
        var parties = PartyDirectory.LoadDefault();
        var calendar = OfficialCalendar.LoadDefault();
        Runtime = new WorkflowRuntime(database, Scheduler, clock, calendar, parties);
        Scheduler.Runtime = Runtime;
        Tasks = new TaskService(Runtime);
        ContactsFile = Path.Combine(folder, "contacts.json");
        File.WriteAllText(ContactsFile, ContactsJson(Domain, parties));
        var options = new NotificationOptions { ContactsFile = ContactsFile, PickupFolder = Path.Combine(folder, "outbox") };
        Outbox = new NoticeOutbox(database);
        Links = new TaskLinkService(database, clock, new TaskLinkOptions { BaseUrl = BaseUrl, Secret = Convert.ToBase64String(new byte[32].Select((_, i) => (byte)(i + 7)).ToArray()) },
            Outbox, parties, calendar, Scheduler);
        var renderer = new NoticeRenderer(new NoticeTemplateStore(RepositoryPaths.Templates));
        Composer = new NoticeComposer(renderer, new NoticeAddressing(parties), new ContactSource(ContactsFile, parties), new DocumentNumberAllocator(database, clock), Links, database,
            new SmtpOptions { From = "noreply@hbt.xizang.example.gov.cn" }, options);
        DeliveryOptions = delivery;
        Transport = new SwitchableTransport(transport);
        Delivery = new NoticeDelivery(Outbox, Composer, Transport, delivery, options, clock, Scheduler);
    }

    public string Domain { get; }

    public FakeTimeProvider Clock { get; }

    public VirtualClockScheduler Scheduler { get; }

    public WorkflowRuntime Runtime { get; }

    public TaskService Tasks { get; }

    public WorkflowDatabase Database => Runtime.Database;

    public NoticeOutbox Outbox { get; }

    public TaskLinkService Links { get; }

    public NoticeComposer Composer { get; }

    public NoticeDelivery Delivery { get; }

    public DeliveryOptions DeliveryOptions { get; }

    public SwitchableTransport Transport { get; }

    public string ContactsFile { get; }

    public static async Task<NotificationTestHost> CreateAsync(string? postgresConnectionString, string beijingStart, IMailTransport transport, DeliveryOptions? delivery = null)
    {
        var folder = Directory.CreateTempSubdirectory("reduction-notify-").FullName;
        var database = new WorkflowDatabase(new WorkflowStorageOptions
        {
            PostgresConnectionString = postgresConnectionString,
            SqliteConnectionString = $"Data Source={Path.Combine(folder, "reduction.db")}",
        });
        await database.MigrateAsync();
        var clock = new FakeTimeProvider(Beijing(beijingStart));
        return new NotificationTestHost(database, clock, transport, delivery ?? new DeliveryOptions(), folder);
    }

    public static DateTimeOffset Beijing(string local) => new(DateTime.Parse(local, CultureInfo.InvariantCulture), TimeSpan.FromHours(8));

    /// <summary>The address a party's notices go to in this test.</summary>
    public string AddressOf(string partyId) => $"{partyId}@{Domain}";

    /// <summary>Delivers notices the moment the runtime queues them, as the Hangfire notice job would.</summary>
    public void DeliverOnQueue() => Scheduler.NoticeHandler = (id, ct) => Delivery.DeliverAsync(id, ct);

    public async Task<StartResult> StartAsync(string definitionJson, JsonObject? input = null)
    {
        var definition = DefinitionJson.Parse(definitionJson, "test");
        await Runtime.Definitions.PublishAsync(definition);
        var started = await Runtime.StartAsync(definition.Id, input);
        await Scheduler.RunPendingAsync();
        return started;
    }

    public Task<int> RunUntilAsync(string beijingLocal) => Scheduler.RunUntilAsync(Beijing(beijingLocal));

    public async Task<List<NoticeRecord>> NoticesAsync()
    {
        await using var db = Database.CreateContext();
        return (await db.Notices.AsNoTracking().ToListAsync()).OrderBy(n => n.CreatedAt).ThenBy(n => n.Id).ToList();
    }

    /// <summary>Simulates a crash after the SMTP server accepted the message but before the row was marked sent.</summary>
    public async Task ForgetSentAsync(Guid noticeId)
    {
        await using var db = Database.CreateContext();
        await db.Notices.Where(n => n.Id == noticeId).ExecuteUpdateAsync(s => s
            .SetProperty(n => n.Status, NoticeStatus.Pending)
            .SetProperty(n => n.SentAt, (DateTimeOffset?)null)
            .SetProperty(n => n.NextAttemptAt, Clock.GetUtcNow().ToUniversalTime()));
    }

    public ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // the OS cleans temp later
        }

        return ValueTask.CompletedTask;
    }

    private static string ContactsJson(string domain, PartyDirectory parties)
    {
        var contacts = new JsonArray();
        foreach (var party in parties.Parties)
        {
            contacts.Add(new JsonObject
            {
                ["party"] = party.Id,
                ["name"] = party.CurrentName.IssuingBody + "（测试）",
                ["email"] = $"{party.Id}@{domain}",
                ["admin"] = party.Id == "epb",
            });
        }

        return new JsonObject { ["contacts"] = contacts }.ToJsonString();
    }
}
