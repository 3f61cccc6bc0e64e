using System.Globalization;
using System.Text.Json.Nodes;
using MiniExcelLibs;
using Reduction.Domain.Calendar;
using Reduction.Workflows.Calendar;

namespace Reduction.Server.Calendar;

/// <summary>A calendar arrangement as an Excel workbook, the way announcements are often retyped: on the first sheet
/// a header row 日期 | 安排 | 名称 (and optionally 来源), then one row per day: the date (an Excel date or text such as
/// 2027-02-06, 2027/2/6, 2027年2月6日), 放假 (a day off) or 上班 (an adjusted working day; also 休 / 班), and the
/// holiday's name. The rows become the JSON data file the import reads, so every check is the same; a bad row is
/// refused with its row number and nothing is stored.</summary>
public static class CalendarWorkbook
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private static readonly string[] DateFormats = ["yyyy-MM-dd", "yyyy-M-d", "yyyy/M/d", "yyyy.M.d", "yyyy年M月d日", "yyyyMMdd"];

    /// <summary>Whether <paramref name="bytes"/> is a workbook (an Office Open XML package) rather than JSON text.</summary>
    public static bool IsWorkbook(ReadOnlySpan<byte> bytes) => bytes.Length >= 4 && bytes[0] == 'P' && bytes[1] == 'K' && bytes[2] == 3 && bytes[3] == 4;

    /// <summary>An uploaded file either way: a workbook, or the JSON data file (UTF-8, a byte-order mark allowed).</summary>
    public static (HolidayArrangement? File, string? Error) ParseUpload(byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        if (IsWorkbook(bytes))
        {
            return Parse(bytes);
        }

        using var reader = new StreamReader(new MemoryStream(bytes, writable: false), System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return CalendarInput.ParseFile(reader.ReadToEnd());
    }

    /// <summary>The arrangement in the workbook, or a Chinese message naming the row that cannot be read.</summary>
    public static (HolidayArrangement? File, string? Error) Parse(byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        List<IDictionary<string, object?>> rows;
        try
        {
            using var stream = new MemoryStream(bytes, writable: false);
            rows = MiniExcel.Query(stream, useHeaderRow: true, excelType: ExcelType.XLSX)
                .Cast<IDictionary<string, object?>>()
                .Take(5000)
                .ToList();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return (null, "无法读取 Excel 文件：请使用 .xlsx 格式，第一个工作表的首行为“日期、安排、名称”。");
        }

        var header = rows.FirstOrDefault()?.Keys.ToList() ?? [];
        if (!header.Contains("日期") || !header.Contains("安排"))
        {
            return (null, "Excel 文件的首行应为“日期、安排、名称”（可另加“来源”）：第一个工作表缺少“日期”或“安排”列。");
        }

        var years = new SortedDictionary<int, (JsonObject Holidays, JsonObject Workdays)>();
        string? source = null;
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            var line = i + 2;
            var dateCell = row.TryGetValue("日期", out var d) ? d : null;
            var kindCell = Text(row.TryGetValue("安排", out var k) ? k : null);
            var name = Text(row.TryGetValue("名称", out var n) ? n : null);
            source ??= Text(row.TryGetValue("来源", out var s) ? s : null) is { Length: > 0 } given ? given : null;
            if (dateCell is null or "" && kindCell.Length == 0 && name.Length == 0)
            {
                continue;
            }

            if (DateOf(dateCell) is not { } date)
            {
                return (null, $"第 {line} 行：日期“{Clip(Text(dateCell))}”无法识别，应为日期（如 2027-02-06）。");
            }

            var isHoliday = kindCell is "放假" or "休" or "休息" or "假";
            if (!isHoliday && kindCell is not ("上班" or "班" or "调休上班"))
            {
                return (null, $"第 {line} 行：安排“{Clip(kindCell)}”无法识别，应为“放假”或“上班”。");
            }

            if (name.Length > 50)
            {
                return (null, $"第 {line} 行：名称不能超过 50 字。");
            }

            if (!years.TryGetValue(date.Year, out var year))
            {
                year = ([], []);
                years[date.Year] = year;
            }

            var key = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            var target = isHoliday ? year.Holidays : year.Workdays;
            if (year.Holidays.ContainsKey(key) || year.Workdays.ContainsKey(key))
            {
                return (null, $"第 {line} 行：{key} 已在前面的行中出现。");
            }

            target[key] = name.Length > 0 ? name : (isHoliday ? "放假" : "调休上班");
        }

        if (years.Count == 0)
        {
            return (null, "Excel 文件中没有任何日期行。");
        }

        var file = new JsonObject { ["source"] = source ?? "Excel 导入" };
        var byYear = new JsonObject();
        foreach (var (number, year) in years)
        {
            byYear[number.ToString(CultureInfo.InvariantCulture)] = new JsonObject { ["holidays"] = year.Holidays, ["workdays"] = year.Workdays };
        }

        file["years"] = byYear;
        return CalendarInput.ParseFile(file.ToJsonString());
    }

    /// <summary>An empty workbook to fill in: the header row and two example rows of the 2027 Spring Festival.</summary>
    public static byte[] Template()
    {
        var rows = new[]
        {
            new Dictionary<string, object> { ["日期"] = "2027-02-06", ["安排"] = "放假", ["名称"] = "春节", ["来源"] = "国办发明电〔2026〕X号" },
            new Dictionary<string, object> { ["日期"] = "2027-02-14", ["安排"] = "上班", ["名称"] = "春节", ["来源"] = string.Empty },
        };
        using var stream = new MemoryStream();
        stream.SaveAs(rows, sheetName: "节假日安排", excelType: ExcelType.XLSX);
        return stream.ToArray();
    }

    private static DateOnly? DateOf(object? cell) => cell switch
    {
        DateTime time => DateOnly.FromDateTime(time),
        double serial when serial is > 1 and < 2958466 => DateOnly.FromDateTime(DateTime.FromOADate(serial)),
        _ => DateOnly.TryParseExact(Text(cell), DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null,
    };

    private static string Text(object? cell) => (Convert.ToString(cell, CultureInfo.InvariantCulture) ?? string.Empty).Trim();

    private static string Clip(string text) => text.Length > 20 ? text[..20] + "…" : text;
}
