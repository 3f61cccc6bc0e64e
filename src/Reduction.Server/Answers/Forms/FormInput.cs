using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Reduction.Server.Answers.Forms;

/// <summary>Reads typed values: trims, turns full-width digits and punctuation (as Chinese input methods type them)
/// into ASCII, and parses numbers and dates invariantly. Every failure goes to the form state beside its field.</summary>
public static partial class FormInput
{
    public const int MaxTextLength = 4000;

    /// <summary>Full-width ASCII (U+FF01-U+FF5E) to ASCII, the ideographic space to a space, then trimmed.</summary>
    public static string Normalize(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            builder.Append(c switch
            {
                >= '\uFF01' and <= '\uFF5E' => (char)(c - 0xFEE0),
                '\u3000' => ' ',
                '。' => '.',
                _ => c,
            });
        }

        return builder.ToString().Trim();
    }

    public static string? Text(FormState state, string name, string label, bool required, int maxLength = MaxTextLength)
    {
        var value = state.Value(name).Trim();
        if (value.Length == 0)
        {
            if (required)
            {
                state.Fail(name, $"请填写{label}");
            }

            return null;
        }

        if (value.Length > maxLength)
        {
            state.Fail(name, string.Create(CultureInfo.InvariantCulture, $"{label}不能超过 {maxLength} 字"));
            return null;
        }

        return value;
    }

    /// <summary>A non-negative decimal such as 1234.5 or 1,234.5 (exact; never rounded).</summary>
    public static decimal? Decimal(FormState state, string name, string label, bool required, bool allowNegative = false)
    {
        var text = Normalize(state.Value(name));
        if (text.Length == 0)
        {
            if (required)
            {
                state.Fail(name, $"请填写{label}");
            }

            return null;
        }

        if (MisplacedThousands(state, name, label, text, Grouped()))
        {
            return null;
        }

        if (!decimal.TryParse(text, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign | NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out var value))
        {
            state.Fail(name, $"{label}应为数字，如 1234.5");
            return null;
        }

        if (value < 0 && !allowNegative)
        {
            state.Fail(name, $"{label}不能为负数");
            return null;
        }

        return value;
    }

    /// <summary>A count: a whole number, zero or more.</summary>
    public static long? Count(FormState state, string name, string label, bool required = true)
    {
        var text = Normalize(state.Value(name));
        if (text.Length == 0)
        {
            if (required)
            {
                state.Fail(name, $"请填写{label}（没有时填 0）");
            }

            return null;
        }

        if (MisplacedThousands(state, name, label, text, GroupedWhole()))
        {
            return null;
        }

        text = text.Replace(",", string.Empty, StringComparison.Ordinal);

        if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            state.Fail(name, $"{label}应为不小于 0 的整数");
            return null;
        }

        return value;
    }

    /// <summary>A calendar date yyyy-MM-dd (also yyyy/M/d and yyyy年M月d日).</summary>
    public static DateOnly? Date(FormState state, string name, string label, bool required)
    {
        var text = Normalize(state.Value(name));
        if (text.Length == 0)
        {
            if (required)
            {
                state.Fail(name, $"请填写{label}");
            }

            return null;
        }

        string[] formats = ["yyyy-MM-dd", "yyyy-M-d", "yyyy/M/d", "yyyy年M月d日"];
        if (!DateOnly.TryParseExact(text, formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            state.Fail(name, $"{label}应为日期，如 2015-03-15");
            return null;
        }

        return date;
    }

    /// <summary>One of the allowed codes.</summary>
    public static string? Choice(FormState state, string name, string label, IEnumerable<string> allowed, bool required = true)
    {
        var value = state.Value(name).Trim();
        if (value.Length == 0)
        {
            if (required)
            {
                state.Fail(name, $"请选择{label}");
            }

            return null;
        }

        if (!allowed.Contains(value, StringComparer.Ordinal))
        {
            state.Fail(name, $"请从列表中选择{label}");
            return null;
        }

        return value;
    }

    /// <summary>True (and the field failed) when the text has commas that are not thousands groups: `1,5` or
    /// `1,2,3` must not become 15 or 123.</summary>
    private static bool MisplacedThousands(FormState state, string name, string label, string text, Regex grouped)
    {
        if (!text.Contains(',', StringComparison.Ordinal) || grouped.IsMatch(text))
        {
            return false;
        }

        var shown = text.Length <= 40 ? $"“{text}”" : "所填数字";
        state.Fail(name, $"{label}的千位分隔符位置不对：{shown}中的逗号应从个位起每三位一个（如 1,234.5、12,345,678），小数点用“.”；也可以不写逗号（如 1234.5）");
        return true;
    }

    [GeneratedRegex(@"^[+-]?\d{1,3}(,\d{3})+(\.\d*)?$")]
    private static partial Regex Grouped();

    [GeneratedRegex(@"^\d{1,3}(,\d{3})+$")]
    private static partial Regex GroupedWhole();

    public static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
