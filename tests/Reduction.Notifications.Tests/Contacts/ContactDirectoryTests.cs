using System.Text.Json.Nodes;
using Reduction.Domain.Parties;
using Reduction.Notifications.Contacts;
using Reduction.Notifications.Delivery;
using Reduction.Notifications.Tests.Support;

namespace Reduction.Notifications.Tests.Contacts;

public class ContactDirectoryTests
{
    private static ContactDirectory Example() => ContactDirectory.Parse(
        File.ReadAllText(Path.Combine(RepositoryPaths.Root, "src", "Reduction.Notifications", "Contacts", "contacts.example.json")),
        PartyDirectory.LoadDefault());

    [Theory]
    [InlineData("supervision", "2015-03-18", "西藏自治区监察厅执法监察室")]
    [InlineData("supervision", "2026-03-18", "西藏自治区监察委员会执法监察室")]
    [InlineData("agriculture", "2026-03-18", "西藏自治区农业农村厅畜牧处")]
    [InlineData("shigatse", "2013-05-01", "日喀则地区环境保护局减排办")]
    [InlineData("shigatse", "2015-05-01", "日喀则市环境保护局减排办")]
    [InlineData("government", "2026-03-18", "西藏自治区人民政府")]
    public void NameOn_ExampleContact_PartyPartFollowsThePartysNameOnTheDate(string party, string date, string expected)
    {
        var contact = Example().For(party)[0];

        Assert.Equal(expected, contact.NameOn(DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void Parse_NoNameOrAnotherName_IssuingBodyByDateOrTheNameAsWritten()
    {
        var directory = ContactDirectory.Parse("""
            { "contacts": [
              { "party": "nyingchi", "email": "a@linzhi.example.gov.cn" },
              { "party": "nyingchi", "name": "扎西（减排联络员）", "email": "b@linzhi.example.gov.cn" } ] }
            """, PartyDirectory.LoadDefault());

        var contacts = directory.For("nyingchi");

        Assert.Equal("林芝地区行署", contacts[0].NameOn(new DateOnly(2015, 3, 1)));
        Assert.Equal("林芝市人民政府", contacts[0].NameOn(new DateOnly(2015, 3, 16)));
        Assert.Equal("扎西（减排联络员）", contacts[1].NameOn(new DateOnly(2026, 1, 1)));
    }

    [Fact]
    public async Task Compose_2026EscalationToSupervision_MailboxNamesTheCommissionNotTheFormerDepartment()
    {
        await using var host = await NotificationTestHost.CreateAsync(null, "2026-02-16T09:00", new PickupFolderTransport(Path.Combine(Path.GetTempPath(), "reduction-unused")));
        // A contacts file written before the 2018 reform, never edited since.
        await File.WriteAllTextAsync(host.ContactsFile, $$"""
            { "contacts": [
              { "party": "lhasa", "name": "拉萨市环境保护局减排办", "email": "{{host.AddressOf("lhasa")}}" },
              { "party": "epb", "name": "西藏自治区环境保护厅总量控制处", "email": "{{host.AddressOf("epb")}}", "admin": true },
              { "party": "supervision", "name": "西藏自治区监察厅执法监察室", "email": "{{host.AddressOf("supervision")}}" } ] }
            """);
        await host.StartAsync(Definitions.AnnualPlan, new JsonObject { ["year"] = 2026 });
        await host.RunUntilAsync("2026-03-25T12:00");

        var letter = (await host.NoticesAsync()).First(n => n.TemplateKey == "escalation" && n.RecipientRolesJson.Contains("supervision", StringComparison.Ordinal));
        var message = await host.Composer.ComposeAsync(letter);
        var overdue = await host.Composer.ComposeAsync((await host.NoticesAsync()).First(n => n.TemplateKey == "overdue"));

        Assert.Equal("西藏自治区监察委员会执法监察室", Assert.Single(message.To.Mailboxes).Name);
        Assert.Contains(overdue.Cc.Mailboxes, m => m.Name == "西藏自治区生态环境厅总量控制处");
    }
}
