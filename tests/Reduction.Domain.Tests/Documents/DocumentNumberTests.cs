using Reduction.Domain.Documents;

namespace Reduction.Domain.Tests.Documents;

public class DocumentNumberTests
{
    [Fact]
    public void ToString_Number_UsesHexagonalBracketsWithoutPadding()
    {
        Assert.Equal("藏环发〔2014〕3号", new DocumentNumber("藏环发", 2014, 3).ToString());
        Assert.Equal("国函〔2014〕143号", new DocumentNumber("国函", 2014, 143).ToString());
    }

    [Theory]
    [InlineData("藏环发〔2014〕3号", "藏环发", 2014, 3)]
    [InlineData("国办发〔2013〕4号", "国办发", 2013, 4)]
    [InlineData("藏政发〔2013〕15号", "藏政发", 2013, 15)]
    public void Parse_Canonical_ReadsParts(string text, string issuer, int year, int serial)
    {
        var number = DocumentNumber.Parse(text);

        Assert.Equal(new DocumentNumber(issuer, year, serial), number);
        Assert.Equal(text, number.ToString());
    }

    [Fact]
    public void Parse_WithDi_RejectedWithReason()
    {
        var exception = Assert.Throws<FormatException>(() => DocumentNumber.Parse("藏环发〔2014〕第3号"));

        Assert.Equal(
            "文号“藏环发〔2014〕第3号”无效：序号前不加“第”；应为“机关代字〔年份〕序号号”，如 藏环发〔2014〕3号 / "
                + "invalid document number '藏环发〔2014〕第3号': the serial number takes no 第; expected issuer〔year〕serial号, e.g. 藏环发〔2014〕3号",
            exception.Message);
    }

    [Fact]
    public void Parse_LeadingZeros_RejectedWithReason()
    {
        var exception = Assert.Throws<FormatException>(() => DocumentNumber.Parse("藏环发〔2014〕003号"));

        Assert.Contains("不加前导零", exception.Message, StringComparison.Ordinal);
        Assert.Contains("takes no leading zeros", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("藏环发[2014]3号", '[')]
    [InlineData("藏环发(2014)3号", '(')]
    [InlineData("藏环发（2014）3号", '（')]
    [InlineData("藏环发【2014】3号", '【')]
    public void Parse_WrongBrackets_RejectedNamingBracket(string text, char bracket)
    {
        var exception = Assert.Throws<FormatException>(() => DocumentNumber.Parse(text));

        Assert.Contains($"年份须用六角括号〔〕，不用“{bracket}”", exception.Message, StringComparison.Ordinal);
        Assert.Contains($"not '{bracket}'", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "缺少括住年份的六角括号")]
    [InlineData("藏环发2014年3号", "缺少括住年份的六角括号")]
    [InlineData("〔2014〕3号", "机关代字为空")]
    [InlineData("藏环发〔2014〕3", "须以“号”结尾")]
    [InlineData("藏环发〔14〕3号", "须为四位阿拉伯数字")]
    [InlineData("藏环发〔２０１４〕3号", "须为四位阿拉伯数字")]
    [InlineData("藏环发〔2014〕三号", "须为阿拉伯数字")]
    [InlineData("藏环发〔2014〕0号", "不加前导零")]
    [InlineData("藏环发〔2014〕3号 ", "须以“号”结尾")]
    [InlineData("藏环发〔2014", "缺少右六角括号")]
    public void Parse_Malformed_RejectedWithReason(string text, string reason)
    {
        var exception = Assert.Throws<FormatException>(() => DocumentNumber.Parse(text));

        Assert.Contains(reason, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_Bad_ReturnsFalse()
    {
        Assert.False(DocumentNumber.TryParse("藏环发〔2014〕第3号", out var number));
        Assert.Null(number);
        Assert.False(DocumentNumber.TryParse(null, out _));
    }

    [Fact]
    public void TryParse_Good_ReturnsNumber()
    {
        Assert.True(DocumentNumber.TryParse("藏环发〔2014〕3号", out var number));
        Assert.Equal(3, number.Serial);
    }

    [Fact]
    public void Constructor_ZeroSerial_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new DocumentNumber("藏环发", 2014, 0));
    }

    [Fact]
    public void Constructor_IssuerWithBracket_Throws()
    {
        Assert.Throws<ArgumentException>(() => new DocumentNumber("藏环发〔", 2014, 3));
    }
}
