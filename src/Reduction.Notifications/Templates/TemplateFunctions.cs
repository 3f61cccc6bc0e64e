using System.Globalization;
using Reduction.Domain.Calendar;
using Reduction.Domain.Documents;
using Reduction.Domain.Parties;
using Scriban.Runtime;

namespace Reduction.Notifications.Templates;

/// <summary>Pure functions templates may call to write dates, deadlines, rules and dated names the way official documents do.</summary>
internal static class TemplateFunctions
{
    public static ScriptObject Create(PartyDirectory parties)
    {
        var functions = new ScriptObject();

        // official_date "2015-03-15" or an ISO instant -> 2015年3月15日 (the Beijing day)
        functions.Import("official_date", new Func<string, string>(value => OfficialDate.Format(DateOf(value))));

        // deadline_text "2015-03-15T23:59:59+08:00" -> 2015年3月15日24时 (the last on-time second reads as 24时)
        functions.Import("deadline_text", new Func<string, string>(DeadlineText));

        // beijing_time "2015-03-10T06:25:00Z" -> 2015年3月10日14时25分
        functions.Import("beijing_time", new Func<string, string>(value =>
        {
            var local = BeijingTime.ToBeijing(ParseInstant(value));
            return string.Create(CultureInfo.InvariantCulture, $"{OfficialDate.Format(DateOnly.FromDateTime(local.DateTime))}{local.Hour}时{local.Minute:00}分");
        }));

        // rule_text "workdays:+3" -> 期限届满后第3个工作日
        functions.Import("rule_text", new Func<string, string>(RuleText));

        // role_name "supervision" notice.date_iso -> 西藏自治区监察厅 (2015), 西藏自治区监察委员会 (from 2018-01-31): the body's
        // name on that day, as the party data has it; without a date the function's name that no rename makes wrong
        // (自治区监察机关).
        functions.Import("role_name", (string code, string? date = null) => date is null
            ? PartyRoles.TryParse(code, out var role) ? PartyRoles.DisplayName(role) : code
            : parties.RoleNameOn(code, DateOf(date)));

        // cn_number 12 -> 十二 (for 一、二、 and （一）（二） headings)
        functions.Import("cn_number", new Func<int, string>(ChineseNumber));
        return functions;
    }

    internal static string ChineseNumber(int number)
    {
        const string Digits = "零一二三四五六七八九";
        return number switch
        {
            < 0 or > 99 => number.ToString(CultureInfo.InvariantCulture),
            < 10 => Digits[number].ToString(),
            < 20 => "十" + (number % 10 == 0 ? string.Empty : Digits[number % 10].ToString()),
            _ => Digits[number / 10] + "十" + (number % 10 == 0 ? string.Empty : Digits[number % 10].ToString()),
        };
    }

    internal static string DeadlineText(string value)
    {
        var local = BeijingTime.ToBeijing(ParseInstant(value));
        var date = DateOnly.FromDateTime(local.DateTime);
        if (local.TimeOfDay >= new TimeSpan(23, 59, 59))
        {
            return $"{OfficialDate.Format(date)}24时";
        }

        return local.Minute == 0
            ? string.Create(CultureInfo.InvariantCulture, $"{OfficialDate.Format(date)}{local.Hour}时")
            : string.Create(CultureInfo.InvariantCulture, $"{OfficialDate.Format(date)}{local.Hour}时{local.Minute:00}分");
    }

    internal static string RuleText(string rule)
    {
        var text = rule.Trim();
        var rollForward = text.EndsWith(" roll-forward", StringComparison.Ordinal);
        if (rollForward)
        {
            text = text[..^" roll-forward".Length].TrimEnd();
        }

        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0 || !int.TryParse(text[(colon + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var count))
        {
            return rule;
        }

        var unit = text[..colon] switch
        {
            "days" => "日",
            "workdays" => "个工作日",
            _ => null,
        };
        if (unit is null)
        {
            return rule;
        }

        var result = count switch
        {
            0 => "期限届满时",
            > 0 => string.Create(CultureInfo.InvariantCulture, $"期限届满后第{count}{unit}"),
            _ => string.Create(CultureInfo.InvariantCulture, $"期限前{-count}{unit}"),
        };
        return rollForward ? result + "（遇节假日顺延）" : result;
    }

    private static DateOnly DateOf(string value) =>
        value.Length == 10
            ? DateOnly.ParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture)
            : BeijingTime.DateOf(ParseInstant(value));

    private static DateTimeOffset ParseInstant(string value) =>
        DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant)
            ? instant
            : throw new FormatException($"“{value}”不是时间 / '{value}' is not an instant");
}
