using Reduction.Domain.Parties;
using Reduction.Domain.Sanctions;

namespace Reduction.Domain.Tests.Sanctions;

public class SanctionTests
{
    [Theory]
    [InlineData("2015-04-27", false)]
    [InlineData("2015-04-28", true)]
    [InlineData("2016-06-30", true)]
    [InlineData("2016-07-01", false)]
    public void IsInForceOn_FromAnnouncementUntilLifted(string date, bool expected)
    {
        var sanction = new Sanction("ngari", SanctionKind.EiaSuspension, 2014, new DateOnly(2015, 4, 28), new DateOnly(2016, 7, 1));

        Assert.Equal(expected, sanction.IsInForceOn(DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void IsInForceOn_NotLifted_StaysInForce()
    {
        var sanction = new Sanction("ngari", SanctionKind.FundSuspension, 2014, new DateOnly(2015, 4, 28));

        Assert.True(sanction.IsInForceOn(new DateOnly(2030, 1, 1)));
    }

    [Theory]
    [InlineData("eia-suspension", SanctionKind.EiaSuspension, PartyRole.Epb)]
    [InlineData("fund-suspension", SanctionKind.FundSuspension, PartyRole.Epb)]
    [InlineData("honours-revocation", SanctionKind.HonoursRevocation, PartyRole.Epb)]
    [InlineData("awards-bar", SanctionKind.AwardsBar, PartyRole.Government)]
    public void Codes_RoundTripAndNameEnforcer(string code, SanctionKind kind, PartyRole enforcer)
    {
        Assert.Equal(kind, SanctionKinds.Parse(code));
        Assert.Equal(code, SanctionKinds.ToCode(kind));
        Assert.Equal(enforcer, SanctionKinds.EnforcedBy(kind));
    }

    [Fact]
    public void Parse_Unknown_ListsValidCodes()
    {
        var error = Assert.Throws<ArgumentException>(() => SanctionKinds.Parse("fine"));

        Assert.Contains("eia-suspension", error.Message, StringComparison.Ordinal);
    }
}
