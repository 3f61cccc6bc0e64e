using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Reduction.Domain.Calendar;

namespace Reduction.Workflows.Calendar;

/// <summary>Reads calendar arrangements as administrators give them (the API, the console, the CLI). Every refusal is a
/// short Chinese message that never repeats more than a few characters of the input.</summary>
public static class CalendarInput
{
    /// <summary>Ample for every year of a century of arrangements (the shipped 17 years are under 40 KB).</summary>
    public const int MaxBytes = 1024 * 1024;

    public const string TooLarge = "内容过大：日历数据不能超过 1 MB。";

    private const int MaxMessageLength = 300;

    /// <summary>A data file in the format of the shipped cn-national-holidays.json.</summary>
    public static (HolidayArrangement? File, string? Error) ParseFile(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (string.IsNullOrWhiteSpace(text))
        {
            return (null, "内容为空：应为节假日数据 JSON（{\"years\": {\"2027\": {\"holidays\": {…}, \"workdays\": {…}}}}）。");
        }

        try
        {
            var file = HolidayArrangement.Parse(text);
            return file.Years.Count == 0 ? (null, "years 中没有任何年份的安排。") : (file, null);
        }
        catch (FormatException e)
        {
            return (null, Chinese(e.Message));
        }
    }

    /// <summary>One year as a request body: <c>{"holidays": {date: name}, "workdays": {date: name}, "source": "…"}</c>,
    /// every date in <paramref name="year"/>; both lists may be empty or left out.</summary>
    public static (YearArrangement? Year, string? Source, string? Error) ParseYear(string text, int year)
    {
        ArgumentNullException.ThrowIfNull(text);
        JsonNode? body;
        try
        {
            body = JsonNode.Parse(text);
        }
        catch (JsonException e)
        {
            var line = e.LineNumber is { } n ? string.Create(CultureInfo.InvariantCulture, $"第 {n + 1} 行") : "未知位置";
            return (null, null, $"请求体不是有效的 JSON（{line}）。");
        }

        if (body is not JsonObject root)
        {
            return (null, null, "请求体应为对象：{\"holidays\": {\"2027-01-01\": \"元旦\"}, \"workdays\": {…}, \"source\": \"发文\"}。");
        }

        string? source = null;
        var days = new JsonObject();
        foreach (var (name, value) in root)
        {
            switch (name)
            {
                case "holidays" or "workdays":
                    days[name] = value?.DeepClone();
                    break;
                case "source" when value is null:
                    break;
                case "source" when value.GetValueKind() == JsonValueKind.String:
                    source = value.GetValue<string>();
                    break;
                case "source":
                    return (null, null, "source 应为字符串（发文，如 国办发明电〔2026〕X号）。");
                default:
                    return (null, null, $"请求体含未知的键“{Shorten(name)}”（应为 holidays、workdays 或 source）。");
            }
        }

        var key = year.ToString("D4", CultureInfo.InvariantCulture);
        var wrapped = new JsonObject { ["years"] = new JsonObject { [key] = days } };
        try
        {
            return (HolidayArrangement.Parse(wrapped.ToJsonString()).Years.Single(), source, null);
        }
        catch (FormatException e)
        {
            return (null, null, Chinese(e.Message.Replace($"years.{key}.", "", StringComparison.Ordinal).Replace($"years.{key}: ", "", StringComparison.Ordinal)));
        }
    }

    /// <summary>Days typed one per line, <c>2027-02-06 春节</c> (the name may be left out and is then
    /// <paramref name="defaultName"/>); blank lines are skipped.</summary>
    public static (Dictionary<DateOnly, string>? Days, string? Error) ParseLines(string? text, int year, string defaultName, string what)
    {
        var days = new Dictionary<DateOnly, string>();
        var number = 0;
        foreach (var raw in (text ?? "").Split('\n'))
        {
            number++;
            var line = raw.Trim();
            if (line.Length == 0)
            {
                continue;
            }

            var parts = line.Split([' ', '\t', '，', ',', '　'], 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (!DateOnly.TryParseExact(parts[0], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                return (null, $"{what}第 {number} 行：“{Shorten(parts[0])}”不是 yyyy-MM-dd 日期。");
            }

            if (date.Year != year)
            {
                return (null, $"{what}第 {number} 行：{parts[0]} 不属于 {year} 年。");
            }

            var name = parts.Length > 1 ? parts[1] : defaultName;
            if (name.Length > 50)
            {
                return (null, $"{what}第 {number} 行：节日名称不能超过 50 个字符。");
            }

            if (!days.TryAdd(date, name))
            {
                return (null, $"{what}第 {number} 行：{parts[0]} 重复。");
            }
        }

        return (days, null);
    }

    /// <summary>The Chinese half of a domain message ("中文 / English"), at most a few hundred characters.</summary>
    public static string Chinese(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var split = message.IndexOf(" / ", StringComparison.Ordinal);
        var chinese = split > 0 ? message[..split] : message;
        return Shorten(chinese, MaxMessageLength);
    }

    private static string Shorten(string text, int length = 40) => text.Length <= length ? text : text[..length] + "…";
}
