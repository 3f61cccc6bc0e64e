using System.CommandLine;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Reduction.Domain.Parties;

namespace Reduction.Cli.Calendar;

/// <summary>Option parsing shared by the calendar commands; every rejection goes to stderr with exit code 2.</summary>
internal static class CalendarInput
{
    public static Option<string> PrefectureOption() => new("--prefecture")
    {
        Description = "按该地市的工作日历计算（任一时期的名称，如 日喀则地区 或 日喀则市）；缺省为全区日历 / "
            + "Use this prefecture's working-day calendar (any historical name, e.g. 日喀则地区 or 日喀则市); default: the region-wide calendar.",
        HelpName = "NAME",
    };

    /// <summary>Writes the message and returns <see cref="CliApp.InvalidInput"/>.</summary>
    public static int Invalid(TextWriter error, string message)
    {
        error.WriteLine(message);
        return CliApp.InvalidInput;
    }

    /// <summary>The calendar key (party id) of a prefecture name; null name means the region-wide calendar.</summary>
    public static bool TryResolvePrefecture(string? name, out string? calendarKey, [NotNullWhen(false)] out string? message)
    {
        calendarKey = null;
        message = null;
        if (name is null)
        {
            return true;
        }

        var directory = PartyDirectory.LoadDefault();
        var party = directory.FindByName(name);
        if (party is null || party.Role != PartyRole.Prefecture)
        {
            var known = directory.WithRole(PartyRole.Prefecture).Select(p => p.CurrentName.Name).ToArray();
            message = $"未知的地市“{name}”，可选：{string.Join("、", known)} / unknown prefecture '{name}'; known: {string.Join(", ", known)}";
            return false;
        }

        calendarKey = party.Id;
        return true;
    }

    public static bool TryParseDate(string text, string optionName, out DateOnly date, [NotNullWhen(false)] out string? message)
    {
        message = DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date)
            ? null
            : $"{optionName} 的日期“{text}”无效，应为 YYYY-MM-DD / {optionName}: invalid date '{text}', expected YYYY-MM-DD";
        return message is null;
    }

    public static bool TryParseYear(string text, out int year, [NotNullWhen(false)] out string? message)
    {
        message = int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out year) && year is >= 1 and <= 9999
            ? null
            : $"--year 的年份“{text}”无效，应为四位年份 / --year: invalid year '{text}', expected a four-digit year";
        return message is null;
    }
}
