using Reduction.Domain.Parties;

namespace Reduction.Domain.Tests.Parties;

public class NationalPartyDirectoryTests
{
    private static readonly PartyDirectory National = PartyDirectory.Load(PartyDirectory.National);

    [Fact]
    public void Load_National_Has31Provinces333PrefecturesAnd2800Counties()
    {
        var provinces = National.WithRole(PartyRole.Province);
        var prefectures = National.WithRole(PartyRole.Prefecture);

        Assert.Equal(31, provinces.Count);
        Assert.Equal(333, prefectures.Count);
        Assert.Equal(2800, prefectures.Sum(p => p.Counties.Count));
        Assert.All(prefectures, p => Assert.InRange(p.Counties.Count, 5, 12));
        Assert.Equal(333, National.PrefecturesOn(new DateOnly(2015, 1, 1)).Count);
    }

    [Fact]
    public void Load_National_IdsAndNamesAreUniqueAndEveryPrefectureBelongsToAProvince()
    {
        var parties = National.Parties;

        Assert.Equal(parties.Count, parties.Select(p => p.Id).Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(parties.Count, parties.Select(p => p.CurrentName.Name).Distinct(StringComparer.Ordinal).Count());
        var counties = parties.SelectMany(p => p.Counties).ToList();
        Assert.Equal(counties.Count, counties.Distinct(StringComparer.Ordinal).Count());
        Assert.All(National.WithRole(PartyRole.Prefecture), p => Assert.Equal(PartyRole.Province, National.GetById(p.ParentId!).Role));
        Assert.All(National.WithRole(PartyRole.Province), p => Assert.InRange(National.WithRole(PartyRole.Prefecture).Count(c => c.ParentId == p.Id), 10, 11));
    }

    [Fact]
    public void Load_National_HasEveryBodyTheCycleAssigns()
    {
        foreach (var role in Enum.GetValues<PartyRole>())
        {
            Assert.NotEmpty(National.WithRole(role));
        }

        Assert.All(National.Parties, p => Assert.StartsWith("测试", p.CurrentName.Name, StringComparison.Ordinal));
    }

    [Fact]
    public void Scope_Province_ReadsNoOtherPartysData()
    {
        var scope = PartyScope.Of(National.GetById("province-01"));

        Assert.False(scope.ReadsAssessmentData);
        Assert.False(scope.ReadsAllSanctions);
        Assert.False(scope.ReadsEscalations);
        Assert.False(scope.Owns("prefecture-001"));
        Assert.True(PartyScope.Of(National.GetById("supervision")).ReadsAllSanctions);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("tibet")]
    [InlineData(" Tibet ")]
    public void Load_TibetOrNothing_IsTheShippedDefault(string? source)
    {
        var directory = PartyDirectory.Load(source);

        Assert.Equal(PartyDirectory.LoadDefault().Parties.Select(p => p.Id), directory.Parties.Select(p => p.Id));
    }

    [Fact]
    public void Load_File_ParsesItWithTheSameRules()
    {
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, """
                {"parties":[
                  {"id":"p","role":"province","names":[{"name":"甲省","issuingBody":"甲省人民政府","validFrom":"2000-01-01"}]},
                  {"id":"a","role":"prefecture","parent":"p","names":[{"name":"甲市","issuingBody":"甲市人民政府","validFrom":"2000-01-01"}],"counties":["甲县","乙县"]}]}
                """);

            var directory = PartyDirectory.Load(file);

            Assert.Equal(["甲县", "乙县"], directory.GetById("a").Counties);
            Assert.Equal("p", directory.GetById("a").ParentId);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void Load_MissingFile_NamesThePathAndTheChoices()
    {
        var path = Path.Combine(Path.GetTempPath(), $"no-such-directory-{Guid.NewGuid():N}.json");

        var error = Assert.Throws<FileNotFoundException>(() => PartyDirectory.Load(path));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("national", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"parties":[{"id":"a","role":"prefecture","parent":"nowhere","names":[{"name":"甲市","issuingBody":"甲市","validFrom":"2000-01-01"}]}]}""", "nowhere")]
    [InlineData("""{"parties":[{"id":"a","role":"epb","names":[{"name":"甲厅","issuingBody":"甲厅","validFrom":"2000-01-01"}],"counties":["甲县"]}]}""", "counties")]
    [InlineData("""{"parties":[{"id":"a","role":"prefecture","names":[{"name":"甲市","issuingBody":"甲市","validFrom":"2000-01-01"}],"counties":["甲县","甲县"]}]}""", "county twice")]
    [InlineData("""{"units":[]}""", "parties")]
    [InlineData("""not json""", "invalid")]
    public void Load_InvalidFile_FormatErrorNamesTheFileAndTheProblem(string json, string expected)
    {
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, json);

            var error = Assert.Throws<FormatException>(() => PartyDirectory.Load(file));

            Assert.Contains(file, error.Message, StringComparison.Ordinal);
            Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
