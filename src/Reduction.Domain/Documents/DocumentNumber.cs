using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Reduction.Domain.Documents;

/// <summary>
/// A document number (发文字号) as GB/T 9704-2012 writes it: issuer code, year in hexagonal brackets, serial
/// without leading zeros or 第, e.g. 藏环发〔2014〕3号.
/// </summary>
public sealed record DocumentNumber
{
    private const string Example = "藏环发〔2014〕3号";
    private const string OpeningBrackets = "〔[(（【［{｛〈<《";
    private const string Brackets = OpeningBrackets + "〕])）】］}｝〉>》";

    /// <param name="issuer">The issuing authority's code (机关代字), e.g. 藏环发.</param>
    /// <param name="year">The four-digit year.</param>
    /// <param name="serial">The serial number, from 1.</param>
    public DocumentNumber(string issuer, int year, int serial)
    {
        if (string.IsNullOrWhiteSpace(issuer) || issuer.Any(c => char.IsWhiteSpace(c) || Brackets.Contains(c, StringComparison.Ordinal)))
        {
            throw new ArgumentException($"机关代字“{issuer}”无效（不能为空，不能含空白或括号） / invalid issuer code '{issuer}' (must be non-empty, without spaces or brackets)", nameof(issuer));
        }

        if (year is < 1000 or > 9999)
        {
            throw new ArgumentOutOfRangeException(nameof(year), year, $"年份须为四位数字：{year} / the year must have four digits: {year}");
        }

        if (serial < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(serial), serial, $"序号须从1起：{serial} / the serial number starts at 1: {serial}");
        }

        Issuer = issuer;
        Year = year;
        Serial = serial;
    }

    public string Issuer { get; }

    public int Year { get; }

    public int Serial { get; }

    /// <summary>Reads exactly the form <see cref="ToString"/> writes.</summary>
    /// <exception cref="FormatException">Anything else; the message says what is wrong (第, leading zeros, brackets...).</exception>
    public static DocumentNumber Parse(string text) =>
        TryParse(text, out var number, out var error) ? number : throw new FormatException(error);

    public static bool TryParse([NotNullWhen(true)] string? text, [NotNullWhen(true)] out DocumentNumber? number) =>
        TryParse(text, out number, out _);

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Issuer}〔{Year}〕{Serial}号");

    private static bool TryParse(string? text, [NotNullWhen(true)] out DocumentNumber? number, [NotNullWhen(false)] out string? error)
    {
        number = null;
        var problem = Check(text ?? string.Empty, out var issuer, out var year, out var serial);
        if (problem is { } p)
        {
            error = $"文号“{text}”无效：{p.Chinese}；应为“机关代字〔年份〕序号号”，如 {Example} / "
                + $"invalid document number '{text}': {p.English}; expected issuer〔year〕serial号, e.g. {Example}";
            return false;
        }

        number = new DocumentNumber(issuer, year, serial);
        error = null;
        return true;
    }

    private static Problem? Check(string text, out string issuer, out int year, out int serial)
    {
        issuer = string.Empty;
        year = 0;
        serial = 0;
        var open = text.IndexOfAny(OpeningBrackets.ToCharArray());
        if (open < 0)
        {
            return new Problem("缺少括住年份的六角括号〔〕", "the year must be in hexagonal brackets 〔〕");
        }

        if (text[open] != '〔')
        {
            return new Problem($"年份须用六角括号〔〕，不用“{text[open]}”", $"the year must be in hexagonal brackets 〔〕, not '{text[open]}'");
        }

        var close = text.IndexOf('〕', open);
        if (close < 0)
        {
            return new Problem("缺少右六角括号〕", "missing closing bracket 〕");
        }

        issuer = text[..open];
        if (issuer.Length == 0 || issuer.Any(c => char.IsWhiteSpace(c) || Brackets.Contains(c, StringComparison.Ordinal)))
        {
            return new Problem("机关代字为空或含空白、括号", "the issuer code is empty or contains spaces or brackets");
        }

        var yearText = text[(open + 1)..close];
        if (!IsNumber(yearText) || yearText.Length != 4 || yearText[0] == '0')
        {
            return new Problem($"年份“{yearText}”须为四位阿拉伯数字", $"the year '{yearText}' must be four Arabic digits");
        }

        year = int.Parse(yearText, NumberStyles.None, CultureInfo.InvariantCulture);
        var rest = text[(close + 1)..];
        if (rest.StartsWith('第'))
        {
            return new Problem("序号前不加“第”", "the serial number takes no 第");
        }

        if (!rest.EndsWith('号'))
        {
            return new Problem("须以“号”结尾", "it must end with 号");
        }

        var serialText = rest[..^1];
        if (!IsNumber(serialText))
        {
            return new Problem($"序号“{serialText}”须为阿拉伯数字", $"the serial number '{serialText}' must be Arabic digits");
        }

        if (serialText[0] == '0')
        {
            return new Problem($"序号“{serialText}”不编虚位（不加前导零）", $"the serial number '{serialText}' takes no leading zeros");
        }

        if (!int.TryParse(serialText, NumberStyles.None, CultureInfo.InvariantCulture, out serial))
        {
            return new Problem($"序号“{serialText}”过大", $"the serial number '{serialText}' is too large");
        }

        return null;
    }

    private static bool IsNumber(string text) => text.Length > 0 && text.All(char.IsAsciiDigit);

    private readonly record struct Problem(string Chinese, string English);
}
