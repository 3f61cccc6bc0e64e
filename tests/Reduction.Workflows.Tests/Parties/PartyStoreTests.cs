using Microsoft.EntityFrameworkCore;
using Reduction.Domain.Parties;
using Reduction.Testing;
using Reduction.Workflows.Auditing;
using Reduction.Workflows.Parties;
using Reduction.Workflows.Persistence;

namespace Reduction.Workflows.Tests.Parties;

public sealed class PartyStoreTests(PostgresServer postgres) : IClassFixture<PostgresServer>, IDisposable
{
    private static readonly AuditActor Admin = new("sysadmin", "epb", "127.0.0.1");

    private readonly SqliteTestDatabase _file = new();

    public void Dispose() => _file.Dispose();

    private async Task<WorkflowDatabase> DatabaseAsync(string provider)
    {
        var database = new WorkflowDatabase(provider == "postgres"
            ? new WorkflowStorageOptions { PostgresConnectionString = await postgres.CreateDatabaseAsync() }
            : new WorkflowStorageOptions { SqliteConnectionString = _file.ConnectionString });
        await database.MigrateAsync();
        return database;
    }

    private static DateOnly D(string text) => DateOnly.ParseExact(text, "yyyy-MM-dd");

    private static IReadOnlyList<PartyContact>? FileContacts(string partyId) =>
        partyId == "lhasa" ? [] : [new PartyContact(null, $"{partyId}@seed.example.gov.cn", partyId == "epb")];

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task SeedAsync_EmptyDatabase_StoresEveryShippedPartyOnceWithItsFileContacts(string provider)
    {
        var database = await DatabaseAsync(provider);
        var store = new PartyStore(database, PartyDirectory.LoadDefault());
        Assert.Null(store.Parties.Stored);

        var seeded = await store.SeedAsync(FileContacts);

        var shipped = PartyDirectory.LoadDefault().Parties;
        Assert.Equal(shipped.Count, seeded);
        Assert.Equal(0, await store.SeedAsync(FileContacts));
        Assert.Equal(shipped.Count, store.Parties.Stored!.Count);
        Assert.Equal([new PartyContact(null, "ngari@seed.example.gov.cn", false)], store.Parties.StoredContactsOf("ngari"));
        Assert.Null(store.Parties.StoredContactsOf("lhasa"));
        Assert.Equal("日喀则地区", store.Parties.GetById("shigatse").NameOn(D("2014-06-25")).Name);

        // Lhasa's contacts become known at a later start: filled in once, as a version of their own.
        Assert.Equal(1, await store.SeedAsync(id => id == "lhasa" ? [new PartyContact("拉萨市环境保护局减排办", "jianpai@lasa.example.gov.cn", false)] : FileContacts(id)));
        Assert.Equal("jianpai@lasa.example.gov.cn", Assert.Single(store.Parties.StoredContactsOf("lhasa")!).Email);
        var history = await store.HistoryAsync("lhasa");
        Assert.Equal([(2, PartyChanges.Seed), (1, PartyChanges.Seed)], history.Select(v => (v.Version, v.Change)));

        await using var db = database.CreateContext();
        Assert.Equal(shipped.Count, await db.PartyRecords.CountAsync());
        Assert.Equal(shipped.Count + 1, await db.PartyVersions.CountAsync());
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task AddNameAsync_NgariRenamed_NewVersionAuditedAndAppliedByDateHereAndInAnotherProcess(string provider)
    {
        var database = await DatabaseAsync(provider);
        var store = new PartyStore(database, PartyDirectory.LoadDefault());
        await store.SeedAsync(FileContacts);
        var other = new PartyStore(database, PartyDirectory.LoadDefault());
        await other.RefreshAsync(force: true);

        var saved = await store.AddNameAsync("ngari", new PartyName(" 阿里市 ", "阿里市人民政府", D("2026-07-01"), "国函〔2026〕99号"), "撤地设市", Admin, "api");

        Assert.Equal((2, PartyChanges.Rename), (saved.Version, saved.Change));
        var ngari = store.Parties.GetById("ngari");
        Assert.Equal("阿里地区", ngari.NameOn(D("2026-06-30")).Name);
        Assert.Equal("阿里市", ngari.NameOn(D("2026-07-01")).Name);
        Assert.Equal("阿里市人民政府", ngari.NameOn(D("2026-07-01")).IssuingBody);
        Assert.Same(ngari, store.Parties.FindByName("阿里地区"));
        Assert.Same(ngari, store.Parties.FindByName("阿里市"));

        // Another process sees it on its next refresh, and not before.
        Assert.Equal("阿里地区", other.Parties.GetById("ngari").CurrentName.Name);
        Assert.True(await other.RefreshAsync());
        Assert.Equal("阿里市", other.Parties.GetById("ngari").CurrentName.Name);
        Assert.False(await other.RefreshAsync());

        var history = await store.HistoryAsync("ngari");
        Assert.Equal(["rename", "seed"], history.Select(v => v.Change));
        Assert.Equal(("撤地设市", "api", "sysadmin"), (history[0].Reason, history[0].Via, history[0].ChangedBy));
        Assert.Single(history[1].Party.Names);

        await using var db = database.CreateContext();
        var audit = Assert.Single(await db.AuditLog.Where(a => a.Action == "party.rename").ToListAsync());
        Assert.Equal(("sysadmin", "ngari"), (audit.User, audit.TargetId));
        Assert.Contains("validFrom=2026-07-01", audit.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("sqlite", "", "阿里市人民政府", "2026-07-01", "新名称不能为空")]
    [InlineData("sqlite", "阿里市", "阿里市人民政府", "1970-01-01", "须晚于现有名称“阿里地区”的生效日期 1970-01-01")]
    [InlineData("sqlite", "阿里市", "阿里市人民政府", "1969-12-31", "须晚于")]
    [InlineData("sqlite", "拉萨市", "拉萨市人民政府", "2026-07-01", "已属于单位 lhasa")]
    [InlineData("postgres", "阿里市", "", "2026-07-01", "发文机关名称不能为空")]
    [InlineData("postgres", "阿里地区", "阿里地区行署", "2026-07-01", "与现用名称“阿里地区”相同")]
    public async Task AddNameAsync_BadName_RefusedInChineseAndNothingStored(string provider, string name, string issuingBody, string validFrom, string message)
    {
        var database = await DatabaseAsync(provider);
        var store = new PartyStore(database, PartyDirectory.LoadDefault());
        await store.SeedAsync(FileContacts);

        var refused = await Assert.ThrowsAsync<ArgumentException>(() => store.AddNameAsync("ngari", new PartyName(name, issuingBody, D(validFrom)), "更名", Admin, "api"));

        Assert.Contains(message, refused.Message, StringComparison.Ordinal);
        Assert.Equal(["seed"], (await store.HistoryAsync("ngari")).Select(v => v.Change));
        await using var db = database.CreateContext();
        Assert.False(await db.AuditLog.AnyAsync(a => a.Action == "party.rename"));
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task SetContactsAsync_AndSignatory_Versioned_BadAddressUnknownPartyAndMissingReasonRefused(string provider)
    {
        var database = await DatabaseAsync(provider);
        var store = new PartyStore(database, PartyDirectory.LoadDefault());
        await store.SeedAsync(FileContacts);

        var bad = await Assert.ThrowsAsync<ArgumentException>(() => store.SetContactsAsync("ngari", [new PartyContact("阿里地区环境保护局", "not-an-address", false)], "换邮箱", Admin, "api"));
        Assert.Contains("邮箱“not-an-address”格式不正确", bad.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<ArgumentException>(() => store.SetContactsAsync("ngari", [], "换邮箱", Admin, "api"));
        var noReason = await Assert.ThrowsAsync<ArgumentException>(() => store.SetContactsAsync("ngari", [new PartyContact(null, "a@ali.example.gov.cn", false)], " ", Admin, "api"));
        Assert.Contains("请填写修改原因", noReason.Message, StringComparison.Ordinal);
        var unknown = await Assert.ThrowsAsync<KeyNotFoundException>(() => store.SetContactsAsync("atlantis", [new PartyContact(null, "a@ali.example.gov.cn", false)], "换邮箱", Admin, "api"));
        Assert.Contains("没有单位“atlantis”", unknown.Message, StringComparison.Ordinal);
        var noTitle = await Assert.ThrowsAsync<ArgumentException>(() => store.SetSignatoryAsync("epb", new PartySignatory("张三", ""), "任命", Admin, "api"));
        Assert.Contains("签发人职务", noTitle.Message, StringComparison.Ordinal);

        var contacts = await store.SetContactsAsync("ngari", [new PartyContact("阿里地区环境保护局减排办", "jianpai@ali.example.gov.cn", false), new PartyContact(null, "duty@ali.example.gov.cn", true)], "换邮箱", Admin, "console");
        var signed = await store.SetSignatoryAsync("epb", new PartySignatory("张三", "厅长"), "任命", Admin, "console");

        Assert.Equal(2, contacts.Version);
        Assert.Equal(["jianpai@ali.example.gov.cn", "duty@ali.example.gov.cn"], store.Parties.StoredContactsOf("ngari")!.Select(c => c.Email));
        Assert.Equal(new PartySignatory("张三", "厅长"), store.Parties.GetById("epb").Signatory);
        Assert.Equal(2, signed.Version);
        await using var db = database.CreateContext();
        Assert.Equal(["party.contacts", "party.signatory"], await db.AuditLog.Where(a => a.Action.StartsWith("party.")).OrderBy(a => a.Sequence).Select(a => a.Action).ToListAsync());

        // Saving the same addresses again (spaces aside) adds no version and no audit entry of a change.
        var again = await store.SetContactsAsync("ngari", [new PartyContact("阿里地区环境保护局减排办 ", " jianpai@ali.example.gov.cn", false), new PartyContact(null, "duty@ali.example.gov.cn", true)], "再存一次", Admin, "console");
        Assert.True(again.Unchanged);
        Assert.Equal(2, again.Version);
        Assert.Equal([2, 1], (await store.HistoryAsync("ngari")).Select(v => v.Version));
        Assert.Equal(1, await db.AuditLog.CountAsync(a => a.Action == "party.contacts"));
        Assert.False(contacts.Unchanged);

        // Taken back: no signatory, a version of its own.
        await store.SetSignatoryAsync("epb", null, "离任", Admin, "console");
        Assert.Null(store.Parties.GetById("epb").Signatory);
        Assert.Equal([3, 2, 1], (await store.HistoryAsync("epb")).Select(v => v.Version));
    }
}
