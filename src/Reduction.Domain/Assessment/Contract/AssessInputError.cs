using System.Globalization;

namespace Reduction.Domain.Assessment.Contract;

/// <summary>One reason the input file cannot be assessed; names the case (index and prefecture) and field when known.</summary>
public sealed record AssessInputError(int? CaseIndex, string? Prefecture, string? Field, string Message, string EnglishMessage)
{
    /// <summary>One line, zh-CN then English: 第2个案例（cases[1]，日喀则地区）字段 year：… / case 2 (cases[1], 日喀则地区), field year: …</summary>
    public string Format()
    {
        var zh = new List<string>();
        var en = new List<string>();
        if (CaseIndex is { } index)
        {
            var name = string.IsNullOrWhiteSpace(Prefecture) ? "地市未知" : Prefecture;
            var englishName = string.IsNullOrWhiteSpace(Prefecture) ? "prefecture unknown" : Prefecture;
            zh.Add(string.Create(CultureInfo.InvariantCulture, $"第{index + 1}个案例（cases[{index}]，{name}）"));
            en.Add(string.Create(CultureInfo.InvariantCulture, $"case {index + 1} (cases[{index}], {englishName})"));
        }

        if (Field is not null)
        {
            zh.Add($"字段 {Field}");
            en.Add($"field {Field}");
        }

        var zhPrefix = zh.Count == 0 ? string.Empty : string.Concat(zh) + "：";
        var enPrefix = en.Count == 0 ? string.Empty : string.Join(", ", en) + ": ";
        return $"{zhPrefix}{Message} / {enPrefix}{EnglishMessage}";
    }
}
