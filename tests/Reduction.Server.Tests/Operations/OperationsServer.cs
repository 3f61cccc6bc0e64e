using System.Globalization;
using System.Text.Json.Nodes;
using Reduction.Domain.Parties;
using Reduction.Server.Tests.Answers;
using Reduction.Server.Tests.Browser;
using Reduction.Server.Tests.Console;
using Reduction.Server.Tests.Cycle;

namespace Reduction.Server.Tests.Operations;

/// <summary>The real server for the operations console's browser tests: as <see cref="ConsoleServer"/> (administrators
/// by password alone), on the drill clock from 16 February 2016 08:00 Beijing time, delivering to a smtp4dev of its own
/// with every party's address at <see cref="Domain"/>, and 阿里地区 closed on 17 and 18 March 2016 (a prefecture
/// holiday in its own calendar).</summary>
public class OperationsServer : ConsoleServer
{
    /// <summary>The parties' mail domain, new for each server: a shared smtp4dev keeps earlier runs' messages.</summary>
    public string Domain { get; } = $"ops-{Guid.NewGuid():N}"[..12] + ".example.gov.cn";

    public const string ClockStart = "2016-02-16T08:00:00+08:00";

    private readonly string _folder = Directory.CreateTempSubdirectory("reduction-ops-").FullName;
    private Smtp4dev? _smtp;

    protected override bool RequireTwoFactorForAdmins => false;

    public Mailbox Mail { get; private set; } = default!;

    protected override async Task ConfigureAsync(Dictionary<string, string> environment)
    {
        _smtp = await Smtp4dev.StartAsync(AnswerFixture.RepositoryRoot());
        Mail = new Mailbox(_smtp.ApiAddress, Domain);
        await WriteContactsAsync(Unreachable);
        var ngari = Path.Combine(_folder, "ngari-2016.json");
        await File.WriteAllTextAsync(ngari, """
            { "years": { "2016": { "holidays": { "2016-03-17": "雪灾停工", "2016-03-18": "雪灾停工" }, "workdays": {} } } }
            """);
        environment["Clock__Start"] = ClockStart;
        environment["Calendar__PrefectureArrangementFiles__ngari__0"] = ngari;
        environment["Notifications__Smtp__Host"] = _smtp.Host;
        environment["Notifications__Smtp__Port"] = _smtp.Port.ToString(CultureInfo.InvariantCulture);
        environment["Notifications__Smtp__Security"] = "None";
        environment["Notifications__Smtp__From"] = "noreply@hbt.xizang.example.gov.cn";
        environment["Notifications__ContactsFile"] = ContactsFile;
        environment["Notifications__Delivery__SweepInterval"] = "00:00:01";
        Configure(environment);
    }

    /// <summary>Parties left out of the contacts file at the start: their notices cannot be delivered (no address).</summary>
    protected virtual IReadOnlyList<string> Unreachable => [];

    /// <summary>Further settings of a derived fixture.</summary>
    protected virtual void Configure(Dictionary<string, string> environment)
    {
    }

    private string ContactsFile => Path.Combine(_folder, "contacts.json");

    /// <summary>Writes the contacts file, every party at <see cref="Domain"/> but <paramref name="without"/>; the server
    /// re-reads it on the next delivery.</summary>
    public Task WriteContactsAsync(IReadOnlyList<string> without) =>
        File.WriteAllTextAsync(ContactsFile, new JsonObject
        {
            ["contacts"] = new JsonArray(PartyDirectory.LoadDefault().Parties.Where(p => !without.Contains(p.Id))
                .Select(p => (JsonNode?)new JsonObject { ["party"] = p.Id, ["email"] = $"{p.Id}@{Domain}", ["admin"] = p.Id == "epb" }).ToArray()),
        }.ToJsonString());

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        Mail?.Dispose();
        if (_smtp is not null)
        {
            await _smtp.DisposeAsync();
        }

        Directory.Delete(_folder, recursive: true);
    }
}
