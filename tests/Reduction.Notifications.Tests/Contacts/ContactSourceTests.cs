using System.Text.Json.Nodes;
using Reduction.Domain.Parties;
using Reduction.Notifications.Contacts;
using Reduction.Notifications.Templates;
using Reduction.Notifications.Tests.Support;

namespace Reduction.Notifications.Tests.Contacts;

public sealed class ContactSourceTests : IDisposable
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"contacts-{Guid.NewGuid():N}.json");

    public ContactSourceTests() => File.WriteAllText(_file, """
        { "contacts": [
          { "party": "ngari", "name": "阿里地区环境保护局减排办", "email": "file@ali.example.gov.cn" },
          { "party": "lhasa", "email": "file@lasa.example.gov.cn" } ] }
        """);

    public void Dispose() => File.Delete(_file);

    [Fact]
    public void Get_StoredContactsAndARename_StoredDecideFileForTheOthersNamesFollowTheRename()
    {
        var parties = PartyDirectory.LoadDefault();
        var source = new ContactSource(_file, parties);
        Assert.Equal("file@ali.example.gov.cn", Assert.Single(source.Get().For("ngari")).Email);

        var ngari = parties.GetById("ngari");
        parties.ApplyStored([new StoredParty("ngari", [.. ngari.Names, new PartyName("阿里市", "阿里市人民政府", new DateOnly(2026, 7, 1))], [new PartyContact("阿里地区环境保护局减排办", "new@ali.example.gov.cn", true)], null)]);

        var directory = source.Get();
        var contact = Assert.Single(directory.For("ngari"));
        Assert.Equal(("new@ali.example.gov.cn", true), (contact.Email, contact.Admin));
        Assert.Equal("阿里地区环境保护局减排办", contact.NameOn(new DateOnly(2026, 6, 30)));
        Assert.Equal("阿里市环境保护局减排办", contact.NameOn(new DateOnly(2026, 7, 1)));
        Assert.Equal("file@lasa.example.gov.cn", Assert.Single(directory.For("lhasa")).Email);
        Assert.Same(directory, source.Get());
    }

    [Fact]
    public void Render_IssuerWithASignatory_SignatureBlockNamesIt_WithoutOneOnlyTheIssuer()
    {
        var parties = PartyDirectory.LoadDefault();
        var store = new NoticeTemplateStore(RepositoryPaths.Templates);
        var kind = store.GetKind("delivery-failed");
        var model = JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "tests", "Reduction.Notifications.Tests", "Golden", "delivery-failed.model.json")))!["model"]!.AsObject();
        RenderedNotice Render()
        {
            var addressing = new NoticeAddressing(parties);
            var date = new DateOnly(2016, 3, 1);
            return new NoticeRenderer(store, parties).Render("delivery-failed", model, addressing.Envelope(kind, addressing.Resolve(kind, [], ["epb"], date), date, null, false, null));
        }

        var unsigned = Render();
        Assert.DoesNotContain("厅长", unsigned.Text, StringComparison.Ordinal);
        parties.ApplyStored([new StoredParty("epb", parties.GetById("epb").Names, null, new PartySignatory("张三", "厅长"))]);

        var signed = Render();
        Assert.Contains("厅长：张三", signed.Text, StringComparison.Ordinal);
        Assert.Contains("data-signatory>厅长：张三</div>", signed.Html, StringComparison.Ordinal);
    }
}
