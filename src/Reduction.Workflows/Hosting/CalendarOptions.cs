namespace Reduction.Workflows.Hosting;

/// <summary>Calendar data beyond what ships (section `Calendar`): each year's State Council arrangement is
/// announced in November or December, and each prefecture sets 藏历新年 and 雪顿节 locally.</summary>
public sealed class CalendarOptions
{
    public const string SectionName = "Calendar";

    /// <summary>Files in the format of the shipped cn-national-holidays.json, loaded as national years.</summary>
    public List<string> NationalArrangementFiles { get; set; } = [];

    /// <summary>Files in the same format loaded as Tibet-wide regional holidays.</summary>
    public List<string> RegionalArrangementFiles { get; set; } = [];

    /// <summary>Per-prefecture files: prefecture party id -> files in the same format.</summary>
    public Dictionary<string, List<string>> PrefectureArrangementFiles { get; set; } = [];

    /// <summary>The shipped calendar plus every configured file; a missing or malformed file stops the start with its path named.</summary>
    public Reduction.Domain.Calendar.OfficialCalendar Build()
    {
        var calendar = Reduction.Domain.Calendar.OfficialCalendar.LoadDefault();
        foreach (var file in NationalArrangementFiles)
        {
            calendar.AddNationalYears(Read(file));
        }

        foreach (var file in RegionalArrangementFiles)
        {
            calendar.AddRegional(Read(file));
        }

        foreach (var (prefecture, files) in PrefectureArrangementFiles)
        {
            foreach (var file in files)
            {
                calendar.AddOverride(prefecture, Read(file));
            }
        }

        return calendar;
    }

    private static Reduction.Domain.Calendar.HolidayArrangement Read(string file)
    {
        try
        {
            return Reduction.Domain.Calendar.HolidayArrangement.Parse(File.ReadAllText(file));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            throw new InvalidOperationException($"无法读取日历文件“{file}” / cannot read calendar file '{file}': {e.Message}", e);
        }
    }
}
