using System.Globalization;
using Reduction.Domain.Assessment;
using Reduction.Domain.Parties;
using Reduction.Domain.PlanPeriods;

namespace Reduction.Ledger.Workbooks;

/// <summary>
/// Reads the importable workbooks cell by cell: every refused cell is reported with its sheet, row, column, the value
/// and why, and a workbook with any refused cell yields nothing to store. What is checked: required cells, prefecture
/// names valid in the row's year (and only the caller's own prefecture for a prefecture's upload), years in a plan
/// period, pollutants, sectors and target kinds of that period (a misspelling gets a suggestion), numbers as people
/// write them (full-width digits, thousands separators, a trailing 吨) but never in another unit (万吨, 千克), no negative
/// tonnes, dates, text lengths, and duplicate rows.
/// </summary>
public static partial class LedgerWorkbookReader
{
    internal static readonly ColumnSpec PrefectureColumn = new("prefecture", "地市", ["地区", "市（地区）", "地市名称", "单位", "prefecture"], Required: true);

    internal static readonly ColumnSpec YearColumn = new("year", "年度", ["年份", "年", "year"], Required: true);

    internal static readonly ColumnSpec PollutantColumn = new("pollutant", "污染物", ["污染物名称", "pollutant"], Required: true);

    internal static readonly IReadOnlyList<ColumnSpec> LedgerColumns =
    [
        PrefectureColumn,
        YearColumn,
        PollutantColumn,
        new("sector", "排放源", ["来源", "源类别", "行业", "sector"], Required: true),
        new("enterprise", "企业名称", ["企业", "国控企业", "重点企业", "enterprise"], Required: false),
        new("tonnes", "排放量（吨）", ["排放量", "排放总量", "tonnes"], Required: true, Unit: "吨"),
    ];

    internal static readonly IReadOnlyList<ColumnSpec> TargetColumns =
    [
        PrefectureColumn,
        YearColumn,
        PollutantColumn,
        new("kind", "目标类型", ["类型", "kind"], Required: true),
        new("value", "目标值（吨或%）", ["目标值", "目标", "value"], Required: true),
    ];

    internal static readonly IReadOnlyList<ColumnSpec> KeyProjectColumns =
    [
        PrefectureColumn,
        new("name", "项目名称", ["重点项目", "项目", "name"], Required: true),
        new("dueDate", "完成期限", ["要求完成日期", "责任书要求完成日期", "期限", "dueDate"], Required: true),
        new("note", "备注", ["说明", "note"], Required: false),
    ];

    // The assessment-data workbook's sheets (LedgerWorkbookReader.AssessmentData.cs); here, after the columns they
    // share, because static fields are initialised in the order of one file only.
    internal static readonly IReadOnlyList<ColumnSpec> EmissionColumns =
    [
        PrefectureColumn,
        YearColumn,
        PollutantColumn,
        new("sector", "排放源", ["来源", "源类别", "sector"], Required: true),
        new("enterprise", "企业名称", ["企业", "国控企业", "重点企业", "enterprise"], Required: false),
        new("tonnes", "排放量（吨）", ["排放量", "tonnes"], Required: true, Unit: "吨"),
    ];

    internal static readonly IReadOnlyList<ColumnSpec> AssessmentTargetColumns =
    [
        PrefectureColumn,
        YearColumn,
        PollutantColumn,
        new("kind", "目标类型", ["类型", "kind"], Required: true),
        new("value", "目标值（吨或%）", ["目标值", "目标", "value"], Required: true),
        new("previousTonnes", "上年排放量（吨）", ["上年排放量", "上一年排放量", "previousTonnes"], Required: false, Unit: "吨"),
        new("baseYearTonnes", "基准年排放量（吨）", ["基准年排放量", "基准排放量", "baseYearTonnes"], Required: false, Unit: "吨"),
    ];

    internal static readonly IReadOnlyList<ColumnSpec> MonitoringColumns =
    [
        PrefectureColumn,
        YearColumn,
        new("item", "指标", ["监控指标", "项目", "item"], Required: true),
        new("count", "数量", ["数值", "count"], Required: true),
    ];

    internal static readonly IReadOnlyList<ColumnSpec> ProjectProgressColumns =
    [
        PrefectureColumn,
        new("name", "项目名称", ["重点项目", "项目", "name"], Required: true),
        new("dueDate", "完成期限", ["要求完成日期", "责任书要求完成日期", "期限", "dueDate"], Required: true),
        new("status", "项目状态", ["状态", "进展", "status"], Required: true),
        new("completedOn", "建成（投运）日期", ["建成日期", "投运日期", "建成投运日期", "completedOn"], Required: false),
        new("evidence", "证明材料", ["证明材料名称", "证明文件", "evidence"], Required: false),
    ];

    /// <summary>The ledger lines of a workbook, every cell checked (its prefecture, year, pollutant, sector, tonnes, and
    /// no line twice).</summary>
    public static WorkbookRead<LedgerValue> ReadLedger(byte[] bytes, WorkbookContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var errors = new ImportErrors();
        using var sheet = SheetReader.Read(bytes, WorkbookKinds.SheetName(WorkbookKinds.Ledger), LedgerColumns, errors);
        if (sheet is null)
        {
            return new WorkbookRead<LedgerValue>([], errors, 0);
        }

        var values = new List<LedgerValue>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var lookups = new Lookups(context);
        foreach (var (row, cells) in sheet.Rows())
        {
            var cell = new RowCells(sheet, row, cells, errors, lookups);
            var (party, year, period) = cell.PrefectureYear();
            var pollutant = period is null ? null : cell.Pollutant(year!.Value, period);
            string? sector = null;
            if (pollutant is not null)
            {
                sector = cell.Sector(year!.Value, period!, pollutant);
            }

            var enterprise = cell.Text("enterprise", LedgerLimits.NameLength, required: false) ?? string.Empty;
            var tonnes = cell.Tonnes("tonnes", "排放量");
            if (party is null || year is null || pollutant is null || sector is null || tonnes is null)
            {
                continue;
            }

            var value = new LedgerValue(party.Id, year.Value, pollutant.Code, sector, enterprise, tonnes.Value);
            if (cell.Duplicate(seen, value.Key, "同一地市、年度、污染物、排放源和企业只能填写一行"))
            {
                continue;
            }

            values.Add(value);
        }

        return Result(sheet, values, errors);
    }

    public static WorkbookRead<TargetValue> ReadTargets(byte[] bytes, WorkbookContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var errors = new ImportErrors();
        using var sheet = SheetReader.Read(bytes, WorkbookKinds.SheetName(WorkbookKinds.Targets), TargetColumns, errors);
        if (sheet is null)
        {
            return new WorkbookRead<TargetValue>([], errors, 0);
        }

        var values = new List<TargetValue>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var lookups = new Lookups(context);
        foreach (var (row, cells) in sheet.Rows())
        {
            var cell = new RowCells(sheet, row, cells, errors, lookups);
            var (party, year, period) = cell.PrefectureYear();
            var pollutant = period is null ? null : cell.Pollutant(year!.Value, period);
            var kind = period is null ? null : cell.TargetKind(year!.Value, period);
            decimal? target = null;
            if (kind is { } k)
            {
                target = k == TargetKind.CapTonnes ? cell.Tonnes("value", "排放上限") : cell.Percent("value");
            }

            if (party is null || year is null || pollutant is null || kind is null || target is null)
            {
                continue;
            }

            var value = new TargetValue(party.Id, year.Value, pollutant.Code, TargetKinds.ToCode(kind.Value), target.Value);
            if (cell.Duplicate(seen, value.Key, "同一地市、年度和污染物只能有一个目标"))
            {
                continue;
            }

            values.Add(value);
        }

        return Result(sheet, values, errors);
    }

    public static WorkbookRead<KeyProjectValue> ReadKeyProjects(byte[] bytes, WorkbookContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var errors = new ImportErrors();
        using var sheet = SheetReader.Read(bytes, WorkbookKinds.SheetName(WorkbookKinds.KeyProjects), KeyProjectColumns, errors);
        if (sheet is null)
        {
            return new WorkbookRead<KeyProjectValue>([], errors, 0);
        }

        var values = new List<KeyProjectValue>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var lookups = new Lookups(context);
        foreach (var (row, cells) in sheet.Rows())
        {
            var cell = new RowCells(sheet, row, cells, errors, lookups);
            var due = cell.Date("dueDate", "完成期限");
            var name = cell.Text("name", LedgerLimits.NameLength, required: true);
            var note = cell.Text("note", LedgerLimits.ReasonLength, required: false);
            var party = cell.Prefecture(due?.Year);
            if (party is null || name is null || due is null)
            {
                continue;
            }

            var value = new KeyProjectValue(party.Id, name, due.Value, note);
            if (cell.Duplicate(seen, value.Key, "同一地市的项目名称不能重复"))
            {
                continue;
            }

            values.Add(value);
        }

        return Result(sheet, values, errors);
    }

    /// <summary>The values when no cell was refused; only why when the sheet could not be read to its end.</summary>
    private static WorkbookRead<T> Result<T>(SheetRows sheet, List<T> values, ImportErrors errors) =>
        sheet.Errors.Count > 0 ? new([], sheet.Errors, 0) : new(errors.Count == 0 ? values : [], errors, sheet.Count);

    /// <summary>What the names in a workbook's cells stand for, each distinct name resolved once (a national ledger
    /// names the same prefectures, years, pollutants and sectors tens of thousands of times): the value, or the
    /// Chinese reason it is refused.</summary>
    private sealed class Lookups(WorkbookContext context)
    {
        private readonly Dictionary<int, (PlanPeriod? Period, string? Error)> _periods = [];
        private readonly Dictionary<(string Name, int? Year), (Party? Party, string? Error)> _prefectures = [];
        private readonly Dictionary<(int Year, string Text), (Pollutant? Pollutant, string? Error)> _pollutants = [];
        private readonly Dictionary<(int Year, string Pollutant, string Text, bool AllowTotal), (string? Sector, string? Error)> _sectors = [];
        private readonly Dictionary<(int Year, string Text), (TargetKind? Kind, string? Error)> _kinds = [];

        public (PlanPeriod? Period, string? Error) Period(int year)
        {
            if (!_periods.TryGetValue(year, out var resolved))
            {
                _periods[year] = resolved = context.PeriodOf(year);
            }

            return resolved;
        }

        public (Party? Party, string? Error) Prefecture(string name, int? year)
        {
            if (!_prefectures.TryGetValue((name, year), out var resolved))
            {
                _prefectures[(name, year)] = resolved = context.Prefecture(name, year);
            }

            return resolved;
        }

        public (Pollutant? Pollutant, string? Error) Pollutant(int year, PlanPeriod period, string text)
        {
            if (!_pollutants.TryGetValue((year, text), out var resolved))
            {
                _pollutants[(year, text)] = resolved = ResolvePollutant(period, text);
            }

            return resolved;
        }

        public (string? Sector, string? Error) Sector(int year, PlanPeriod period, Pollutant pollutant, string text, bool allowTotal)
        {
            if (!_sectors.TryGetValue((year, pollutant.Code, text, allowTotal), out var resolved))
            {
                _sectors[(year, pollutant.Code, text, allowTotal)] = resolved = ResolveSector(period, pollutant, text, allowTotal);
            }

            return resolved;
        }

        public (TargetKind? Kind, string? Error) TargetKind(int year, PlanPeriod period, string text)
        {
            if (!_kinds.TryGetValue((year, text), out var resolved))
            {
                _kinds[(year, text)] = resolved = ResolveTargetKind(period, text);
            }

            return resolved;
        }

        private static (Pollutant?, string?) ResolvePollutant(PlanPeriod period, string text)
        {
            if (text.Length == 0)
            {
                return (null, "污染物不能为空");
            }

            var found = Domain.PlanPeriods.Pollutant.FindKnown(text) ?? Domain.PlanPeriods.Pollutant.Known.FirstOrDefault(p => p.Name == text);
            if (found is not null && period.FindPollutant(found.Code) is { } inPeriod)
            {
                return (inPeriod, null);
            }

            var allowed = string.Join("、", period.Pollutants.Select(p => $"{p.Code}（{p.Name}）"));
            if (found is not null)
            {
                return (null, $"{period.Name}规划期不考核“{found.Code}”（{found.Name}），应为：{allowed}");
            }

            var guess = Suggestion(text, period.Pollutants.SelectMany(p => new[] { p.Code, p.Name }));
            return (null, $"污染物“{Clip(text)}”无法识别{(guess is null ? string.Empty : $"，是否为“{guess}”？")}应为：{allowed}");
        }

        private static (string?, string?) ResolveSector(PlanPeriod period, Pollutant pollutant, string text, bool allowTotal)
        {
            IReadOnlyList<string> sectors = allowTotal ? [.. period.SectorsOf(pollutant), EmissionSectors.Total] : period.SectorsOf(pollutant);
            var labels = string.Join("、", sectors.Select(EmissionSectors.Label));
            if (text.Length == 0)
            {
                return (null, $"排放源不能为空，{pollutant.Code}的排放源为：{labels}");
            }

            var sector = sectors.FirstOrDefault(s => s == text || EmissionSectors.Label(s) == text || EmissionSectors.Label(s).TrimEnd('源') == text);
            if (sector is null && !allowTotal && (text == EmissionSectors.Total || text == EmissionSectors.Label(EmissionSectors.Total)))
            {
                return (null, $"考核数据按排放源填写，排放总量由各排放源相加得出，不单独填写；{pollutant.Code}的排放源为：{labels}");
            }

            if (sector is null)
            {
                var guess = Suggestion(text, sectors.Select(EmissionSectors.Label));
                return (null, $"排放源“{Clip(text)}”不是{pollutant.Code}的排放源{(guess is null ? string.Empty : $"，是否为“{guess}”？")}应为：{labels}");
            }

            return (sector, null);
        }

        private static (TargetKind?, string?) ResolveTargetKind(PlanPeriod period, string text)
        {
            var allowed = string.Join("、", period.TargetKinds.Select(TargetKinds.DisplayName));
            if (text.Length == 0)
            {
                return (null, $"目标类型不能为空，应为：{allowed}");
            }

            foreach (var kind in period.TargetKinds)
            {
                if (text == TargetKinds.DisplayName(kind) || string.Equals(text, TargetKinds.ToCode(kind), StringComparison.OrdinalIgnoreCase))
                {
                    return (kind, null);
                }
            }

            return (null, $"目标类型“{Clip(text)}”无法识别，{period.Name}规划期可用：{allowed}");
        }
    }

    /// <summary>The cells of one row, each read with its own error at its own cell.</summary>
    private sealed class RowCells(SheetRows sheet, int row, object?[] cells, ImportErrors errors, Lookups lookups)
    {
        public object? this[string key] => sheet.IndexOf(key) is >= 0 and var i ? cells[i] : null;

        public void Fail(string key, string message) => errors.Add(Cell(key).Refuse(message));

        /// <summary>Where the cell of <paramref name="key"/> is in this row, with what it holds (clipped).</summary>
        public WorkbookCell Cell(string key) => new(sheet.Sheet, row, sheet.ColumnOf(key), sheet.HeaderOf(key), WorkbookCells.Shown(this[key]));

        public bool IsEmpty(string key) => WorkbookCells.IsEmpty(this[key]);

        public (Party? Party, int? Year, PlanPeriod? Period) PrefectureYear()
        {
            int? year = null;
            PlanPeriod? period = null;
            if (WorkbookCells.IsEmpty(this["year"]))
            {
                Fail("year", "年度不能为空");
            }
            else if (WorkbookCells.Year(this["year"]) is not { } y)
            {
                Fail("year", "年度应为四位数字，如 2016");
            }
            else
            {
                year = y;
                (period, var error) = lookups.Period(y);
                if (error is not null)
                {
                    Fail("year", error);
                }
            }

            return (Prefecture(year), year, period);
        }

        /// <summary>The row's prefecture when it is the context's own and the row's year is <paramref name="year"/>
        /// (the one year a task reports); the name must be the one valid in that year.</summary>
        public Party? Own(int year)
        {
            if (WorkbookCells.IsEmpty(this["year"]))
            {
                Fail("year", "年度不能为空");
            }
            else if (WorkbookCells.Year(this["year"]) is not { } y)
            {
                Fail("year", "年度应为四位数字，如 2016");
            }
            else if (y != year)
            {
                Fail("year", string.Create(CultureInfo.InvariantCulture, $"本任务报送 {year} 年度的数据，年度应为 {year}"));
            }

            return Prefecture(year);
        }

        /// <summary>A monitoring count's indicator, by its label (the workbook's or the form's) or key.</summary>
        public MonitoringItem? MonitoringItem()
        {
            var text = WorkbookCells.Text(this["item"]).Replace(" ", string.Empty, StringComparison.Ordinal);
            var items = AssessmentDataSheets.MonitoringItems;
            var allowed = string.Join("、", items.Select(i => i.Label));
            if (text.Length == 0)
            {
                Fail("item", $"指标不能为空，应为：{allowed}");
                return null;
            }

            var item = items.FirstOrDefault(i => i.Label == text || i.Aliases.Contains(text, StringComparer.Ordinal) || string.Equals(i.Key, text, StringComparison.OrdinalIgnoreCase));
            if (item is null)
            {
                var guess = Suggestion(text, items.Select(i => i.Label));
                Fail("item", $"指标“{Clip(text)}”无法识别{(guess is null ? string.Empty : $"，是否为“{guess}”？")}应为：{allowed}");
            }

            return item;
        }

        /// <summary>A key project's status code, written as its name (已建成) or code.</summary>
        public string? ProjectStatus()
        {
            var text = WorkbookCells.Text(this["status"]);
            var allowed = string.Join("、", KeyProjectStatuses.AllCodes.Select(c => KeyProjectStatuses.TryParse(c, out var s) ? KeyProjectStatuses.DisplayName(s) : c));
            if (text.Length == 0)
            {
                Fail("status", $"项目状态不能为空，应为：{allowed}");
                return null;
            }

            foreach (var code in KeyProjectStatuses.AllCodes)
            {
                if (KeyProjectStatuses.TryParse(code, out var status) && (text == KeyProjectStatuses.DisplayName(status) || string.Equals(text, code, StringComparison.OrdinalIgnoreCase)))
                {
                    return code;
                }
            }

            Fail("status", $"项目状态“{Clip(text)}”无法识别，应为：{allowed}");
            return null;
        }

        public Party? Prefecture(int? year)
        {
            var name = WorkbookCells.Text(this["prefecture"]);
            if (name.Length == 0)
            {
                Fail("prefecture", "地市不能为空");
                return null;
            }

            return Resolved("prefecture", lookups.Prefecture(name, year));
        }

        public Pollutant? Pollutant(int year, PlanPeriod period) =>
            Resolved("pollutant", lookups.Pollutant(year, period, WorkbookCells.Text(this["pollutant"])));

        /// <summary>A sector of the pollutant in the period; the verified total (排放总量, as a review's correction
        /// records it) beside them unless <paramref name="allowTotal"/> is false.</summary>
        public string? Sector(int year, PlanPeriod period, Pollutant pollutant, bool allowTotal = true) =>
            Resolved("sector", lookups.Sector(year, period, pollutant, WorkbookCells.Text(this["sector"]), allowTotal));

        public TargetKind? TargetKind(int year, PlanPeriod period)
        {
            var (kind, error) = lookups.TargetKind(year, period, WorkbookCells.Text(this["kind"]));
            if (error is not null)
            {
                Fail("kind", error);
            }

            return kind;
        }

        private T? Resolved<T>(string key, (T? Value, string? Error) resolved)
            where T : class
        {
            if (resolved.Error is not null)
            {
                Fail(key, resolved.Error);
            }

            return resolved.Value;
        }

        /// <summary>Tonnes: never negative, never in another unit.</summary>
        public decimal? Tonnes(string key, string label)
        {
            var cell = this[key];
            if (WorkbookCells.IsEmpty(cell))
            {
                Fail(key, $"{label}不能为空");
                return null;
            }

            var value = WorkbookCells.Number(cell, "吨");
            if (value is null)
            {
                var text = WorkbookCells.Text(cell).Replace(" ", string.Empty, StringComparison.Ordinal);
                if (text.EndsWith("万吨", StringComparison.Ordinal) && WorkbookCells.Number(text[..^2]) is { } tenThousands)
                {
                    Fail(key, $"单位应为吨，“{Clip(text)}”写成了万吨：请换算为 {(tenThousands * 10000).ToString("0.############", CultureInfo.InvariantCulture)} 吨，只填数字");
                }
                else if (OtherUnit(text) is { } unit)
                {
                    Fail(key, $"单位应为吨，不能用“{unit}”：请换算为吨，只填数字");
                }
                else
                {
                    Fail(key, $"{label}“{Clip(text)}”不是数字，应填写以吨为单位的数字");
                }

                return null;
            }

            if (value < 0)
            {
                Fail(key, $"{label}不能为负数");
                return null;
            }

            return value;
        }

        /// <summary>Tonnes in a cell that may be left empty (null then, without an error).</summary>
        public decimal? OptionalTonnes(string key, string label) => IsEmpty(key) ? null : Tonnes(key, label);

        /// <summary>A count: a whole number, zero or more (a trailing unit such as 条 or 家 is allowed).</summary>
        public long? Count(string key, string label, string? unit)
        {
            var cell = this[key];
            if (WorkbookCells.IsEmpty(cell))
            {
                Fail(key, $"{label}不能为空（没有时填 0）");
                return null;
            }

            var value = WorkbookCells.Number(cell, unit);
            if (value is not { } number || number < 0 || number != decimal.Truncate(number) || number > long.MaxValue)
            {
                Fail(key, $"{label}应为不小于 0 的整数，“{Clip(WorkbookCells.Text(cell))}”不是");
                return null;
            }

            return (long)number;
        }

        /// <summary>A change limit in percent (-0.6 = cut at least 0.6%); a trailing % is allowed.</summary>
        public decimal? Percent(string key)
        {
            var cell = this[key];
            if (WorkbookCells.IsEmpty(cell))
            {
                Fail(key, "目标值不能为空");
                return null;
            }

            var value = WorkbookCells.Number(cell, "%");
            if (value is null)
            {
                Fail(key, $"目标值“{Clip(WorkbookCells.Text(cell))}”不是数字，变化率目标填写百分数，如 -0.6 表示削减 0.6%");
            }

            return value;
        }

        public DateOnly? Date(string key, string label)
        {
            var cell = this[key];
            if (WorkbookCells.IsEmpty(cell))
            {
                Fail(key, $"{label}不能为空");
                return null;
            }

            var date = WorkbookCells.Date(cell);
            if (date is null)
            {
                Fail(key, $"{label}“{Clip(WorkbookCells.Text(cell))}”不是日期，应如 2016-12-31");
            }

            return date;
        }

        public string? Text(string key, int maxLength, bool required)
        {
            var text = WorkbookCells.Text(this[key]);
            if (text.Length == 0)
            {
                if (required)
                {
                    Fail(key, $"{sheet.HeaderOf(key)}不能为空");
                }

                return null;
            }

            if (text.Length > maxLength)
            {
                Fail(key, $"{sheet.HeaderOf(key)}不能超过 {maxLength} 字");
                return null;
            }

            return text;
        }

        /// <summary>True (and the error added on the row's first column) when the key was seen on an earlier row.</summary>
        public bool Duplicate(Dictionary<string, int> seen, string key, string rule)
        {
            if (seen.TryGetValue(key, out var first))
            {
                errors.Add(new ImportError(sheet.Sheet, row, sheet.ColumnOf("prefecture"), WorkbookCells.Shown(this["prefecture"]), $"与第 {first} 行重复：{rule}") { Header = sheet.HeaderOf("prefecture") });
                return true;
            }

            seen[key] = row;
            return false;
        }

        private static string? OtherUnit(string text)
        {
            foreach (var unit in new[] { "千克", "公斤", "kg", "KG", "Kg", "克", "万t" })
            {
                if (text.EndsWith(unit, StringComparison.Ordinal) && WorkbookCells.Number(text[..^unit.Length]) is not null)
                {
                    return unit;
                }
            }

            return null;
        }
    }

    private static string Clip(string text) => text.Length <= 30 ? text : text[..30] + "…";

    /// <summary>The candidate within two edits of what was written, if one is.</summary>
    private static string? Suggestion(string text, IEnumerable<string> candidates)
    {
        string? best = null;
        var bestDistance = 3;
        foreach (var candidate in candidates)
        {
            var distance = Distance(text.ToUpperInvariant(), candidate.ToUpperInvariant());
            if (distance < bestDistance)
            {
                (best, bestDistance) = (candidate, distance);
            }
        }

        return best;
    }

    private static int Distance(string a, string b)
    {
        if (Math.Abs(a.Length - b.Length) > 2 || a.Length > 40)
        {
            return int.MaxValue;
        }

        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var current = new int[b.Length + 1];
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            }

            previous = current;
        }

        return previous[b.Length];
    }
}
