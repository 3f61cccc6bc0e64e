using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Reduction.Domain.Calendar;

/// <summary>
/// A holiday data file: the format of Data/cn-national-holidays.json, shared by the national, regional and
/// prefecture layers. <c>{"source": ..., "note": ..., "years": {"2015": {"holidays": {"2015-10-01": "国庆节"},
/// "workdays": {"2015-10-10": "国庆节"}}}}</c>; "holidays" are days off, "workdays" adjusted working days.
/// </summary>
public sealed class HolidayArrangement
{
    private const string DateFormat = "yyyy-MM-dd";

    public HolidayArrangement(IEnumerable<YearArrangement> years, string? source = null, string? note = null)
    {
        var sorted = years.OrderBy(y => y.Year).ToArray();
        for (var i = 1; i < sorted.Length; i++)
        {
            if (sorted[i].Year == sorted[i - 1].Year)
            {
                throw new ArgumentException($"{sorted[i].Year} 年重复 / year {sorted[i].Year} appears twice", nameof(years));
            }
        }

        Years = sorted;
        Source = source;
        Note = note;
    }

    /// <summary>The years, in ascending order.</summary>
    public IReadOnlyList<YearArrangement> Years { get; }

    /// <summary>Where the data comes from (the announcing document).</summary>
    public string? Source { get; }

    public string? Note { get; }

    /// <summary>Parses the data-file format.</summary>
    /// <exception cref="FormatException">The text is not JSON of this format; the message names the offending entry.</exception>
    public static HolidayArrangement Parse(string json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException exception)
        {
            throw new FormatException($"节假日数据不是有效的 JSON / holiday data is not valid JSON: {exception.Message}", exception);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("years", out var yearsElement)
                || yearsElement.ValueKind != JsonValueKind.Object)
            {
                throw new FormatException("节假日数据缺少 years 对象 / holiday data has no \"years\" object");
            }

            var years = new List<YearArrangement>();
            foreach (var yearProperty in yearsElement.EnumerateObject())
            {
                years.Add(ParseYear(yearProperty));
            }

            try
            {
                return new HolidayArrangement(years, OptionalString(root, "source"), OptionalString(root, "note"));
            }
            catch (ArgumentException exception)
            {
                throw new FormatException(exception.Message, exception);
            }
        }
    }

    /// <summary>Writes the data-file format, so arrangements added at run time can be stored and loaded again.</summary>
    public string ToJson()
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            if (Source is not null)
            {
                writer.WriteString("source", Source);
            }

            if (Note is not null)
            {
                writer.WriteString("note", Note);
            }

            writer.WriteStartObject("years");
            foreach (var year in Years)
            {
                writer.WriteStartObject(year.Year.ToString(CultureInfo.InvariantCulture));
                WriteDays(writer, "holidays", year.DaysOff);
                WriteDays(writer, "workdays", year.WorkingDays);
                writer.WriteEndObject();
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static YearArrangement ParseYear(JsonProperty yearProperty)
    {
        var name = yearProperty.Name;
        if (name.Length != 4
            || !int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out var year)
            || year < 1)
        {
            throw new FormatException($"years 的键“{name}”不是四位年份 / years key '{name}' is not a four-digit year");
        }

        if (yearProperty.Value.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException($"years.{name} 应为对象 / years.{name} must be an object");
        }

        var daysOff = new Dictionary<DateOnly, string>();
        var workingDays = new Dictionary<DateOnly, string>();
        foreach (var part in yearProperty.Value.EnumerateObject())
        {
            var target = part.Name switch
            {
                "holidays" => daysOff,
                "workdays" => workingDays,

                // A misspelt key would otherwise drop a whole list silently.
                _ => throw new FormatException(
                    $"years.{name} 含未知的键“{part.Name}”（应为 holidays 或 workdays） / years.{name} has unknown key '{part.Name}' (expected holidays or workdays)"),
            };
            ReadDays(part, $"years.{name}.{part.Name}", target);
        }

        try
        {
            return new YearArrangement(year, daysOff, workingDays);
        }
        catch (ArgumentException exception)
        {
            throw new FormatException($"years.{name}: {exception.Message}", exception);
        }
    }

    private static void ReadDays(JsonProperty list, string path, Dictionary<DateOnly, string> target)
    {
        if (list.Value.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException($"{path} 应为“日期: 名称”对象 / {path} must be an object of date: name");
        }

        foreach (var day in list.Value.EnumerateObject())
        {
            if (!DateOnly.TryParseExact(day.Name, DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                throw new FormatException($"{path} 的键“{day.Name}”不是 yyyy-MM-dd 日期 / {path} key '{day.Name}' is not a yyyy-MM-dd date");
            }

            if (day.Value.ValueKind != JsonValueKind.String)
            {
                throw new FormatException($"{path}.{day.Name} 的名称应为字符串 / {path}.{day.Name} name must be a string");
            }

            if (!target.TryAdd(date, day.Value.GetString()!))
            {
                throw new FormatException($"{path} 中 {day.Name} 重复 / {path} lists {day.Name} twice");
            }
        }
    }

    private static void WriteDays(Utf8JsonWriter writer, string name, IReadOnlyDictionary<DateOnly, string> days)
    {
        writer.WriteStartObject(name);
        foreach (var (date, holiday) in days.OrderBy(pair => pair.Key))
        {
            writer.WriteString(date.ToString(DateFormat, CultureInfo.InvariantCulture), holiday);
        }

        writer.WriteEndObject();
    }

    private static string? OptionalString(JsonElement root, string property) =>
        root.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
