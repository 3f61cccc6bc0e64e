using System.CommandLine;
using System.Globalization;
using System.Text;
using Reduction.Cli.Workflows;
using Reduction.Domain.Calendar;
using Reduction.Workflows.Calendar;
using Reduction.Workflows.Persistence;
using StoredInput = Reduction.Workflows.Calendar.CalendarInput;

namespace Reduction.Cli.Calendar;

/// <summary>`reduction calendar import FILE`: stores the years of a holiday data file in one layer of the database's
/// calendar, all or nothing; running servers apply them within <see cref="CalendarStore.RefreshInterval"/>.</summary>
internal static class CalendarImportCommand
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static Command Create()
    {
        var file = new Argument<string>("FILE")
        {
            Description = "节假日数据文件（UTF-8 JSON，格式同 cn-national-holidays.json：{\"years\": {\"2027\": {\"holidays\": {…}, \"workdays\": {…}}}}），或 Excel 工作簿（.xlsx，首行“日期、安排、名称、来源”，安排填“放假”或“上班”） / "
                + "Holiday data file (UTF-8 JSON in the format of cn-national-holidays.json, or an .xlsx workbook with the columns 日期, 安排, 名称, 来源).",
        };
        var layer = new Option<string>("--layer")
        {
            Description = "写入哪一层：national 国务院安排（缺省）、regional 全区、prefecture 地市（需 --prefecture） / "
                + "Layer: national (default), regional, or prefecture (with --prefecture).",
            HelpName = "LAYER",
        };
        var prefecture = CalendarInput.PrefectureOption();
        prefecture.Description = "地市安排所属的地市（名称或标识，如 拉萨市、lhasa）；给出时 --layer 缺省为 prefecture / "
            + "The prefecture a prefecture layer belongs to (name or id); implies --layer prefecture.";
        var store = new StoreOptions();
        var command = new Command(
            "import",
            "导入节假日安排：文件中的每个年度整体替换该层已保存的同一年度（每次变更留有版本），不合格时不保存任何内容；运行中的服务器在数秒内生效 / "
                + "Import holiday arrangements: each year of the file replaces that year of the layer (each change keeps a version); "
                + "an invalid file stores nothing; running servers apply it within seconds.\n"
                + StoreCommand.ExitCodes)
        {
            file,
            layer,
            prefecture,
        };
        store.AddTo(command);
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction((parseResult, cancellationToken) =>
        {
            var error = parseResult.InvocationConfiguration.Error;
            if (WorkflowsInput.TryRejectUnmatched(parseResult, out var rejected))
            {
                return Task.FromResult(rejected);
            }

            var prefectureName = parseResult.GetValue(prefecture);
            var layerText = parseResult.GetValue(layer) ?? (prefectureName is null ? "national" : "prefecture");
            CalendarLayerKind kind;
            switch (layerText.Trim().ToLowerInvariant())
            {
                case "national":
                    kind = CalendarLayerKind.National;
                    break;
                case "regional":
                    kind = CalendarLayerKind.Regional;
                    break;
                case "prefecture":
                    kind = CalendarLayerKind.Prefecture;
                    break;
                default:
                    return Task.FromResult(Refuse(error, $"--layer 应为 national、regional 或 prefecture，而不是“{layerText}”"));
            }

            if (kind != CalendarLayerKind.Prefecture && prefectureName is not null)
            {
                return Task.FromResult(Refuse(error, "国家和全区安排不属于某个地市，不能同时给出 --prefecture"));
            }

            if (kind == CalendarLayerKind.Prefecture && prefectureName is null)
            {
                return Task.FromResult(Refuse(error, "地市安排需要 --prefecture（如 拉萨市）"));
            }

            if (!CalendarInput.TryResolvePrefecture(prefectureName, out var calendarKey, out var prefectureError))
            {
                return Task.FromResult(Refuse(error, prefectureError));
            }

            var path = parseResult.GetValue(file)!;
            HolidayArrangement? arrangement;
            string? parseError;
            try
            {
                if (new FileInfo(path).Length > StoredInput.MaxBytes)
                {
                    return Task.FromResult(Refuse(error, StoredInput.TooLarge));
                }

                // An Excel workbook (首行 日期、安排、名称、来源) or the JSON data file.
                var bytes = File.ReadAllBytes(path);
                (arrangement, parseError) = Reduction.Server.Calendar.CalendarWorkbook.IsWorkbook(bytes)
                    ? Reduction.Server.Calendar.CalendarWorkbook.Parse(bytes)
                    : StoredInput.ParseFile(StrictUtf8.GetString(bytes).TrimStart('\uFEFF'));
            }
            catch (DecoderFallbackException)
            {
                return Task.FromResult(Refuse(error, $"文件“{path}”不是有效的 UTF-8 文本"));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
            {
                return Task.FromResult(Refuse(error, $"无法读取文件“{path}”：{e.Message}"));
            }

            if (arrangement is null)
            {
                return Task.FromResult(Refuse(error, parseError!));
            }

            return StoreCommand.RunAsync(parseResult, store, async workflows =>
            {
                IReadOnlyList<CalendarSaveResult> results;
                try
                {
                    results = await workflows.Calendar.ImportAsync(kind, calendarKey, arrangement, WorkflowStore.Actor, $"cli {Path.GetFileName(path)}", cancellationToken);
                }
                catch (ArgumentException e)
                {
                    return Refuse(error, StoredInput.Chinese(e.Message));
                }

                await parseResult.InvocationConfiguration.Output.WriteLineAsync(Summary(kind, prefectureName, arrangement, results));
                return 0;
            }, cancellationToken);
        });
        return command;
    }

    private static string Summary(CalendarLayerKind kind, string? prefecture, HolidayArrangement file, IReadOnlyList<CalendarSaveResult> results)
    {
        var layer = kind switch
        {
            CalendarLayerKind.National => "国务院节假日安排",
            CalendarLayerKind.Regional => "全区节假日安排",
            _ => $"{prefecture}节假日安排",
        };
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"已导入{layer}：{results.Count(r => r.Changed)} 个年度已保存，{results.Count(r => !r.Changed)} 个年度未变。");
        foreach (var (year, result) in file.Years.Zip(results))
        {
            text.AppendLine();
            text.Append(CultureInfo.InvariantCulture, $"  {year.Year} 年：休息日 {year.DaysOff.Count} 天，调休上班 {year.WorkingDays.Count} 天，");
            text.Append(result.Changed ? string.Create(CultureInfo.InvariantCulture, $"第 {result.Version} 版") : string.Create(CultureInfo.InvariantCulture, $"未变（第 {result.Version} 版）"));
        }

        return text.ToString();
    }

    private static int Refuse(TextWriter error, string message) =>
        WorkflowsInput.Invalid(error, $"节假日安排未导入：{message}");
}
