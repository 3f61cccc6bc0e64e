using System.Globalization;
using Reduction.Domain.Assessment;
using Reduction.Domain.Calendar;
using Reduction.Domain.Parties;
using Reduction.Domain.PlanPeriods;

namespace Reduction.Ledger.Workbooks;

/// <summary>
/// The importable workbooks, empty (templates, optionally with a prefecture's or the region's rows laid out for a
/// year) or filled with what is stored (exports). An export has the template's columns first and then the version
/// columns (版本, 来源, 修改人, 修改时间), which an import ignores, so an exported workbook imports back unchanged.
/// </summary>
public static class LedgerWorkbookWriter
{
    private const string TonnesFormat = "#,##0.00##";

    /// <summary>The ledger template: for <paramref name="year"/>, one row per prefecture (or only
    /// <paramref name="prefectureId"/>), pollutant and sector of the year's plan period, tonnes left blank.</summary>
    public static byte[] LedgerTemplate(WorkbookContext context, int year, string? prefectureId)
    {
        ArgumentNullException.ThrowIfNull(context);
        var period = context.Periods.FindByYear(year);
        var rows = new List<object?[]>();
        if (period is not null)
        {
            foreach (var party in Prefectures(context, year, prefectureId))
            {
                foreach (var pollutant in period.Pollutants)
                {
                    rows.AddRange(period.SectorsOf(pollutant).Select(sector => new object?[] { WorkbookContext.NameIn(party, year), year, pollutant.Code, EmissionSectors.Label(sector), null, null }));
                }
            }
        }

        return WorkbookWriter.Write(WorkbookKinds.SheetName(WorkbookKinds.Ledger), LedgerColumns(context, year, period), rows.Count, rows, LedgerNotes(period));
    }

    public static byte[] TargetsTemplate(WorkbookContext context, int year, string? prefectureId)
    {
        ArgumentNullException.ThrowIfNull(context);
        var period = context.Periods.FindByYear(year);
        var rows = new List<object?[]>();
        if (period is not null)
        {
            foreach (var party in Prefectures(context, year, prefectureId))
            {
                rows.AddRange(period.Pollutants.Select(p => new object?[] { WorkbookContext.NameIn(party, year), year, p.Code, null, null }));
            }
        }

        return WorkbookWriter.Write(WorkbookKinds.SheetName(WorkbookKinds.Targets), TargetColumns(context, year, period), rows.Count, rows, TargetNotes(period));
    }

    public static byte[] KeyProjectsTemplate(WorkbookContext context, int year, string? prefectureId)
    {
        ArgumentNullException.ThrowIfNull(context);
        var rows = Prefectures(context, year, prefectureId).Select(p => new object?[] { WorkbookContext.NameIn(p, year), null, null, null }).ToList();
        return WorkbookWriter.Write(WorkbookKinds.SheetName(WorkbookKinds.KeyProjects), KeyProjectColumns(context, year), rows.Count, rows, KeyProjectNotes());
    }

    /// <summary>The assessment-data workbook of one prefecture's task for <paramref name="year"/> (the assessed year):
    /// its rows laid out on every sheet of <see cref="AssessmentDataSheets"/> with the prefecture's name as valid in
    /// that year, the year, the period's pollutants, sectors and monitoring counts; the figures left blank.</summary>
    public static byte[] AssessmentDataTemplate(WorkbookContext context, int year, string prefectureId)
    {
        ArgumentNullException.ThrowIfNull(context);
        var party = context.Parties.FindById(prefectureId) ?? throw new ArgumentException($"Unknown prefecture '{prefectureId}'.", nameof(prefectureId));
        var period = context.Periods.FindByYear(year) ?? throw new ArgumentException($"No plan period covers {year}.", nameof(year));
        var name = WorkbookContext.NameIn(party, year);
        List<string> own = [name];
        var pollutants = period.Pollutants.Select(p => p.Code).ToList();
        var sectors = period.Pollutants.SelectMany(period.SectorsOf).Distinct().Select(EmissionSectors.Label).ToList();
        var statuses = KeyProjectStatuses.AllCodes.Select(c => KeyProjectStatuses.TryParse(c, out var s) ? KeyProjectStatuses.DisplayName(s) : c).ToList();
        WorkbookColumn Prefecture() => new("地市", typeof(string), 14) { List = own, Prompt = "本单位名称，不要改动" };
        WorkbookColumn Year() => new("年度", typeof(int), 8, "0") { WholeRange = (2000, 2100) };
        WorkbookColumn Pollutant() => new("污染物", typeof(string), 10) { List = pollutants };
        var unit = "以吨为单位，只填数字（不要写万吨、千克）";

        WorkbookSheet[] sheets =
        [
            new(AssessmentDataSheets.Emissions,
                [Prefecture(), Year(), Pollutant(), new("排放源", typeof(string), 20) { List = sectors }, new("排放量（吨）", typeof(decimal), 16, TonnesFormat) { NonNegative = true, Prompt = unit + "；没有排放时填 0" }],
                period.Pollutants.SelectMany(p => period.SectorsOf(p).Select(sector => new object?[] { name, year, p.Code, EmissionSectors.Label(sector), null }))),
            new(AssessmentDataSheets.Targets,
                [
                    Prefecture(), Year(), Pollutant(),
                    new("目标类型", typeof(string), 18) { List = period.TargetKinds.Select(TargetKinds.DisplayName).ToList(), Prompt = "按目标责任书选择" },
                    new("目标值（吨或%）", typeof(decimal), 16, "0.####") { Prompt = "排放总量上限填吨数；变化率填百分数，-0.6 表示削减 0.6%，0 表示零增长" },
                    new("上年排放量（吨）", typeof(decimal), 16, TonnesFormat) { NonNegative = true, Prompt = "目标类型为“较上年变化率”时必填；" + unit },
                    new("基准年排放量（吨）", typeof(decimal), 18, TonnesFormat) { NonNegative = true, Prompt = string.Create(CultureInfo.InvariantCulture, $"{period.BaseYear} 年（基准年）的排放量，目标类型为“较基准年变化率”时必填；{unit}") },
                ],
                period.Pollutants.Select(p => new object?[] { name, year, p.Code, null, null, null, null })),
            new(AssessmentDataSheets.Monitoring,
                [Prefecture(), Year(), new("指标", typeof(string), 36) { List = AssessmentDataSheets.MonitoringItems.Select(i => i.Label).ToList() }, new("数量", typeof(long), 12, "0") { NonNegativeWhole = true, Prompt = "整数，没有时填 0" }],
                AssessmentDataSheets.MonitoringItems.Select(i => new object?[] { name, year, i.Label, null })),
            new(AssessmentDataSheets.Projects,
                [
                    Prefecture(),
                    new("项目名称", typeof(string), 36) { Prompt = "目标责任书中的重点减排项目，每个项目一行" },
                    new("完成期限", typeof(DateTime), 14, "yyyy-mm-dd") { Prompt = "责任书要求的完成日期，如 2016-12-31" },
                    new("项目状态", typeof(string), 12) { List = statuses },
                    new("建成（投运）日期", typeof(DateTime), 16, "yyyy-mm-dd") { Prompt = "已建成、已投运的项目填写" },
                    new("证明材料", typeof(string), 40) { Prompt = "已建成、已投运的项目必填：试运行或验收文件的名称、文号；文件可作为附件上传" },
                ],
                Enumerable.Range(0, 3).Select(_ => new object?[] { name, null, null, null, null, null })),
        ];
        return WorkbookWriter.Write(sheets, AssessmentDataNotes(period, name, year));
    }

    public static byte[] Ledger(IReadOnlyList<LedgerEntry> entries, WorkbookContext context, int? year)
    {
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(context);
        var period = year is { } y ? context.Periods.FindByYear(y) : null;
        var name = Names(context);
        var rows = entries.Select(e => (object?[])
        [
            name(e.Value.PrefectureId, e.Value.Year),
            e.Value.Year,
            e.Value.Pollutant,
            EmissionSectors.Label(e.Value.Sector),
            e.Value.Enterprise.Length == 0 ? null : e.Value.Enterprise,
            e.Value.Tonnes,
            .. Stamp(e.Stamp),
        ]);
        return WorkbookWriter.Write(WorkbookKinds.SheetName(WorkbookKinds.Ledger), [.. LedgerColumns(context, year ?? DateTime.Today.Year, period), .. StampColumns], entries.Count, rows, LedgerNotes(period));
    }

    public static byte[] Targets(IReadOnlyList<StoredTarget> targets, WorkbookContext context, int? year)
    {
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(context);
        var period = year is { } y ? context.Periods.FindByYear(y) : null;
        var name = Names(context);
        var rows = targets.Select(t => (object?[])
        [
            name(t.Value.PrefectureId, t.Value.Year),
            t.Value.Year,
            t.Value.Pollutant,
            TargetKinds.TryParse(t.Value.Kind, out var kind) ? TargetKinds.DisplayName(kind) : t.Value.Kind,
            t.Value.Value,
            .. Stamp(t.Stamp),
        ]);
        return WorkbookWriter.Write(WorkbookKinds.SheetName(WorkbookKinds.Targets), [.. TargetColumns(context, year ?? DateTime.Today.Year, period), .. StampColumns], targets.Count, rows, TargetNotes(period));
    }

    public static byte[] KeyProjects(IReadOnlyList<StoredKeyProject> projects, WorkbookContext context)
    {
        ArgumentNullException.ThrowIfNull(projects);
        ArgumentNullException.ThrowIfNull(context);
        var rows = projects.Select(p => (object?[])
        [
            Name(context, p.Value.PrefectureId, p.Value.DueDate.Year),
            p.Value.Name,
            p.Value.DueDate.ToDateTime(TimeOnly.MinValue),
            p.Value.Note,
            .. Stamp(p.Stamp),
        ]);
        return WorkbookWriter.Write(WorkbookKinds.SheetName(WorkbookKinds.KeyProjects), [.. KeyProjectColumns(context, DateTime.Today.Year), .. StampColumns], projects.Count, rows, KeyProjectNotes());
    }

    private static readonly WorkbookColumn[] StampColumns =
    [
        new("版本", typeof(int), 8),
        new("来源", typeof(string), 14),
        new("修改人", typeof(string), 18),
        new("修改时间（北京时间）", typeof(DateTime), 20, "yyyy-mm-dd hh:mm"),
        new("修改原因", typeof(string), 30),
    ];

    private static object?[] Stamp(LedgerStamp stamp) =>
        [stamp.Version, LedgerSources.Label(stamp.Source), stamp.ChangedBy, BeijingTime.ToBeijing(stamp.ChangedAt).DateTime, stamp.Reason];

    private static IEnumerable<Party> Prefectures(WorkbookContext context, int year, string? prefectureId) =>
        context.Parties.PrefecturesOn(new DateOnly(year, 12, 31)).Where(p => prefectureId is null || p.Id == prefectureId);

    private static string Name(WorkbookContext context, string prefectureId, int year) =>
        context.Parties.FindById(prefectureId) is { } party ? WorkbookContext.NameIn(party, year) : prefectureId;

    /// <summary><see cref="Name"/>, each prefecture and year looked up once (an export repeats them on every line).</summary>
    private static Func<string, int, string> Names(WorkbookContext context)
    {
        var names = new Dictionary<(string, int), string>();
        return (prefectureId, year) =>
        {
            if (!names.TryGetValue((prefectureId, year), out var name))
            {
                names[(prefectureId, year)] = name = Name(context, prefectureId, year);
            }

            return name;
        };
    }

    private static List<string> PrefectureNames(WorkbookContext context, int year) =>
        context.Parties.PrefecturesOn(new DateOnly(year, 12, 31)).Select(p => WorkbookContext.NameIn(p, year)).ToList();

    private static WorkbookColumn[] LedgerColumns(WorkbookContext context, int year, PlanPeriod? period) =>
    [
        new("地市", typeof(string), 14) { List = PrefectureNames(context, year), Prompt = "填写该年度有效的地市名称" },
        new("年度", typeof(int), 8, "0") { WholeRange = (2000, 2100) },
        new("污染物", typeof(string), 10) { List = (period?.Pollutants ?? Pollutant.Known).Select(p => p.Code).ToList() },
        new("排放源", typeof(string), 20) { List = (period is null ? EmissionSectors.AllCodes : period.Pollutants.SelectMany(period.SectorsOf).Distinct()).Select(EmissionSectors.Label).ToList() },
        new("企业名称", typeof(string), 30) { Prompt = "国控企业的排放量填企业名称；地市的排放量留空" },
        new("排放量（吨）", typeof(decimal), 16, TonnesFormat) { NonNegative = true, Prompt = "以吨为单位，只填数字（不要写万吨）" },
    ];

    private static WorkbookColumn[] TargetColumns(WorkbookContext context, int year, PlanPeriod? period) =>
    [
        new("地市", typeof(string), 14) { List = PrefectureNames(context, year) },
        new("年度", typeof(int), 8, "0") { WholeRange = (2000, 2100) },
        new("污染物", typeof(string), 10) { List = (period?.Pollutants ?? Pollutant.Known).Select(p => p.Code).ToList() },
        new("目标类型", typeof(string), 18) { List = (period?.TargetKinds ?? [TargetKind.CapTonnes, TargetKind.ChangeVsPreviousYearPercent, TargetKind.ChangeVsBaseYearPercent]).Select(TargetKinds.DisplayName).ToList() },
        new("目标值（吨或%）", typeof(decimal), 16, "0.####") { Prompt = "排放总量上限填吨数；变化率填百分数，-0.6 表示削减 0.6%" },
    ];

    private static WorkbookColumn[] KeyProjectColumns(WorkbookContext context, int year) =>
    [
        new("地市", typeof(string), 14) { List = PrefectureNames(context, year) },
        new("项目名称", typeof(string), 40),
        new("完成期限", typeof(DateTime), 14, "yyyy-mm-dd") { Prompt = "责任书要求的完成日期，如 2016-12-31" },
        new("备注", typeof(string), 40),
    ];

    private static List<string> LedgerNotes(PlanPeriod? period)
    {
        var notes = new List<string>
        {
            "排放总量台账：每行填写一个地市某年度某污染物某排放源的排放量；国控企业的排放量另起一行，填写企业名称。",
            "排放量以吨为单位，只填数字；不要填写万吨、千克，也不要填写负数。",
            "地市名称按该年度有效的名称填写（如 2013 年为“日喀则地区”，2015 年为“日喀则市”）。",
            "同一地市、年度、污染物、排放源和企业只能有一行。导入时逐格检查，有任何错误则整个文件不导入，并列出每个错误所在的行和列。",
        };
        if (period is not null)
        {
            notes.Add($"{period.Name}规划期（{period.FirstYear}-{period.LastYear}年）考核的污染物及排放源：");
            notes.AddRange(period.Pollutants.Select(p => $"  {p.Code}（{p.Name}）：{string.Join("、", period.SectorsOf(p).Select(EmissionSectors.Label))}"));
        }

        return notes;
    }

    private static List<string> TargetNotes(PlanPeriod? period)
    {
        var notes = new List<string>
        {
            "减排目标：每行填写一个地市某年度某污染物的目标，按目标责任书填写。",
            "目标类型为“排放总量上限”时，目标值填吨数；为“较上年变化率”或“较基准年变化率”时，目标值填百分数（-0.6 表示至少削减 0.6%，0 表示零增长）。",
            "同一地市、年度和污染物只能有一个目标。有任何错误则整个文件不导入。",
        };
        if (period is not null)
        {
            notes.Add(string.Create(CultureInfo.InvariantCulture, $"{period.Name}规划期可用的目标类型：{string.Join("、", period.TargetKinds.Select(TargetKinds.DisplayName))}；基准年 {period.BaseYear} 年。"));
        }

        return notes;
    }

    private static List<string> AssessmentDataNotes(PlanPeriod period, string prefecture, int year) =>
    [
        string.Create(CultureInfo.InvariantCulture, $"{prefecture}{year}年度主要污染物总量减排考核数据。填好后在任务页面“以 Excel 报送”中上传，与在页面上逐项填写的表单效果相同。"),
        "共四张工作表：排放量（每个污染物的每个排放源一行）、减排目标（每个污染物一行）、监控数据（每个指标一行）、重点项目（每个项目一行，没有时留空）。",
        "已填好的地市、年度、污染物、排放源和指标不要改动，也不要删去行；只能填写本单位、本年度的数据。",
        "排放量以吨为单位，只填数字；不要填写万吨、千克，也不要填写负数。排放总量由各排放源相加得出，不单独填写。",
        "目标类型为“排放总量上限”时目标值填吨数；为“较上年变化率”或“较基准年变化率”时填百分数（-0.6 表示至少削减 0.6%，0 表示零增长），并填写上年或基准年排放量。",
        string.Create(CultureInfo.InvariantCulture, $"{period.Name}规划期（{period.FirstYear}-{period.LastYear}年）的基准年为 {period.BaseYear} 年，可用的目标类型：{string.Join("、", period.TargetKinds.Select(TargetKinds.DisplayName))}。"),
        "监控数据填整数，没有时填 0。已建成、已投运的重点项目须填写建成（投运）日期和证明材料。",
        "上传时逐格检查，有任何错误则不提交，并列出每处错误所在的工作表、行、列和原因；改正后重新上传即可。",
    ];

    private static List<string> KeyProjectNotes() =>
    [
        "重点项目：每行填写目标责任书中的一个重点减排项目及其要求完成日期。",
        "同一地市的项目名称不能重复；再次导入同名项目会更新其完成期限和备注。",
        "地市名称按完成期限所在年度有效的名称填写。有任何错误则整个文件不导入。",
    ];
}
