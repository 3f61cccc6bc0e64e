using Reduction.Domain.Parties;

namespace Reduction.Domain.Tests.Parties;

public class PartyDirectoryTests
{
    private static readonly PartyDirectory Directory = PartyDirectory.LoadDefault();

    [Fact]
    public void PrefecturesOn_2013_AreTheSevenUnits()
    {
        var names = Directory.PrefecturesOn(new DateOnly(2013, 12, 29))
            .Select(p => p.NameOn(new DateOnly(2013, 12, 29)).Name)
            .ToArray();

        Assert.Equal(["拉萨市", "日喀则地区", "昌都地区", "林芝地区", "山南地区", "那曲地区", "阿里地区"], names);
    }

    [Theory]
    [InlineData("shigatse", "2014-06-25", "日喀则地区", "日喀则地区行署")]
    [InlineData("shigatse", "2014-06-26", "日喀则市", "日喀则市人民政府")]
    [InlineData("chamdo", "2014-10-19", "昌都地区", "昌都地区行署")]
    [InlineData("chamdo", "2014-10-20", "昌都市", "昌都市人民政府")]
    [InlineData("nyingchi", "2015-03-16", "林芝市", "林芝市人民政府")]
    [InlineData("shannan", "2015-12-31", "山南地区", "山南地区行署")]
    [InlineData("shannan", "2016-01-07", "山南市", "山南市人民政府")]
    [InlineData("nagqu", "2017-07-18", "那曲市", "那曲市人民政府")]
    [InlineData("ngari", "2026-01-01", "阿里地区", "阿里地区行署")]
    [InlineData("lhasa", "2013-01-01", "拉萨市", "拉萨市人民政府")]
    public void NameOn_RenameDate_UsesNameValidThatDay(string id, string date, string name, string issuingBody)
    {
        var partyName = Directory.GetById(id).NameOn(DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(name, partyName.Name);
        Assert.Equal(issuingBody, partyName.IssuingBody);
    }

    [Theory]
    [InlineData("日喀则地区")]
    [InlineData("日喀则市")]
    [InlineData("shigatse")]
    public void FindByName_OldOrNewNameOrId_FindsSameParty(string name)
    {
        Assert.Equal("shigatse", Directory.FindByName(name)?.Id);
    }

    [Fact]
    public void FindByName_Unknown_ReturnsNull()
    {
        Assert.Null(Directory.FindByName("北京市"));
    }

    [Fact]
    public void WithRole_EveryRoleButProvince_HasAParty()
    {
        // Tibet is itself the provincial-level unit: provinces appear in the national directory only.
        foreach (var role in Enum.GetValues<PartyRole>().Where(r => r != PartyRole.Province))
        {
            Assert.NotEmpty(Directory.WithRole(role));
        }
    }

    [Theory]
    [InlineData(PartyRole.PublicSecurity, "public-security")]
    [InlineData(PartyRole.Epb, "epb")]
    [InlineData(PartyRole.Government, "government")]
    public void ToCode_RoundTripsThroughParse(PartyRole role, string code)
    {
        Assert.Equal(code, PartyRoles.ToCode(role));
        Assert.Equal(role, PartyRoles.Parse(code));
    }

    [Fact]
    public void Parse_UnknownRole_NamesEntry()
    {
        const string json = """{"parties":[{"id":"x","role":"mayor","names":[{"name":"X","issuingBody":"X","validFrom":"2000-01-01"}]}]}""";

        var error = Assert.Throws<FormatException>(() => PartyDirectory.Parse(json));

        Assert.Contains("parties[0]", error.Message, StringComparison.Ordinal);
        Assert.Contains("mayor", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_NameSharedByTwoParties_IsRejected()
    {
        const string json = """
            {"parties":[
              {"id":"a","role":"prefecture","names":[{"name":"X市","issuingBody":"X","validFrom":"2000-01-01"}]},
              {"id":"b","role":"prefecture","names":[{"name":"X市","issuingBody":"X","validFrom":"2000-01-01"}]}]}
            """;

        Assert.Throws<ArgumentException>(() => PartyDirectory.Parse(json));
    }

    [Fact]
    public void RoleDisplayName_SpeaksOfNoDate_NamesNoBodyByANameItBoreOnlyForATime()
    {
        // The undated label of a role must stay true across renames: 区监察厅 was wrong from 2018, 区农牧厅 from 2019.
        var directory = PartyDirectory.LoadDefault();
        foreach (var body in directory.Parties.Where(p => p.Role is not (PartyRole.Prefecture or PartyRole.Government)))
        {
            var label = PartyRoles.DisplayName(body.Role);
            foreach (var name in body.Names)
            {
                var core = name.Name.Replace("西藏自治区", string.Empty, StringComparison.Ordinal);
                Assert.DoesNotContain(core, label, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void ApplyStored_ARename_ThisDirectoryOnlyFindsBothNamesOthersAndTheShippedKeepTheirs()
    {
        var directory = PartyDirectory.LoadDefault();
        var ngari = directory.GetById("ngari");
        var renamed = new PartyName("阿里市", "阿里市人民政府", new DateOnly(2026, 7, 1));
        Assert.Null(directory.CheckRename(ngari, renamed));

        directory.ApplyStored([new StoredParty("ngari", [.. ngari.Names, renamed], null, new PartySignatory("扎西", "专员")), new StoredParty("atlantis", [renamed], null, null)]);

        Assert.Equal(1, directory.Revision);
        Assert.Equal("阿里市", directory.FindByName("阿里地区")!.NameOn(new DateOnly(2026, 7, 1)).Name);
        Assert.Equal("扎西", directory.GetById("ngari").Signatory!.Name);
        Assert.Null(directory.FindById("atlantis"));
        Assert.Equal("阿里地区", PartyDirectory.LoadDefault().GetById("ngari").CurrentName.Name);
        Assert.Equal("阿里地区", Directory.GetById("ngari").CurrentName.Name);
        Assert.Single(directory.Shipped.Single(p => p.Id == "ngari").Names);
    }

    [Theory]
    [InlineData("阿里市", "阿里市人民政府", "1970-01-01", "须晚于现有名称“阿里地区”的生效日期 1970-01-01")]
    [InlineData("拉萨市", "拉萨市人民政府", "2030-01-01", "已属于单位 lhasa")]
    [InlineData(" ", "阿里市人民政府", "2030-01-01", "新名称不能为空")]
    public void CheckRename_Refused_SaysWhyInChinese(string name, string issuingBody, string validFrom, string expected)
    {
        var refusal = Directory.CheckRename(Directory.GetById("ngari"), new PartyName(name, issuingBody, DateOnly.ParseExact(validFrom, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)));

        Assert.Contains(expected, refusal, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("jianpai@ali.gov.cn", true)]
    [InlineData("Jianpai <jianpai@ali.gov.cn>", false)]
    [InlineData("jianpai@", false)]
    [InlineData("jianpai@localhost", false)]
    [InlineData(" jianpai@ali.gov.cn", false)]
    public void IsAddress_BareAddressesOnly(string email, bool expected) => Assert.Equal(expected, PartyContact.IsAddress(email));
}
