using Reduction.Domain.PlanPeriods;

namespace Reduction.Ledger.Workbooks;

/// <summary>The assessment-data workbook of a prefecture's task page (<see cref="AssessmentDataSheets"/>), checked
/// cell by cell like the ledger's: every row must be the task's prefecture and year, every pollutant and sector of the
/// year's plan period must be there once, every monitoring count once; nothing is returned when any cell is refused.</summary>
public static partial class LedgerWorkbookReader
{
    /// <summary>Reads the assessment data of <paramref name="context"/>'s one prefecture
    /// (<see cref="WorkbookContext.OnlyPrefectureId"/>, required) for <paramref name="year"/>.</summary>
    public static AssessmentDataRead ReadAssessmentData(byte[] bytes, WorkbookContext context, int year)
    {
        ArgumentNullException.ThrowIfNull(context);
        var prefectureId = context.OnlyPrefectureId ?? throw new ArgumentException("The assessment data are one prefecture's: the context must name it.", nameof(context));
        var errors = new ImportErrors();
        var (period, periodError) = context.PeriodOf(year);
        if (period is null)
        {
            errors.Add(WorkbookCell.None().Refuse(periodError!));
            return new AssessmentDataRead(null, errors);
        }

        if (SheetReader.SheetNames(bytes, errors) is not { } names)
        {
            return new AssessmentDataRead(null, errors);
        }

        var missing = AssessmentDataSheets.All.Where(s => !names.Contains(s)).ToList();
        if (missing.Count > 0)
        {
            errors.Add(WorkbookCell.None().Refuse(
                $"工作簿缺少工作表“{string.Join("”“", missing)}”：考核数据工作簿应有“{string.Join("”“", AssessmentDataSheets.All)}”四张工作表，请使用本页下载的模板填写（没有重点项目时保留空表）"));
            return new AssessmentDataRead(null, errors);
        }

        var emissions = ReadEmissions(bytes, context, year, period, errors);
        var targets = ReadAssessmentTargets(bytes, context, year, period, errors);
        var monitoring = ReadMonitoring(bytes, context, year, errors);
        var projects = ReadProjectProgress(bytes, context, year, errors);
        return errors.Count == 0
            ? new AssessmentDataRead(new AssessmentDataWorkbook(prefectureId, year, emissions, targets, monitoring, projects), errors)
            : new AssessmentDataRead(null, errors);
    }

    private static List<EmissionFigure> ReadEmissions(byte[] bytes, WorkbookContext context, int year, PlanPeriod period, ImportErrors errors)
    {
        var figures = new List<EmissionFigure>();
        using var sheet = SheetReader.Read(bytes, AssessmentDataSheets.Emissions, EmissionColumns, errors, AssessmentDataSheets.MaxRows);
        if (sheet is null)
        {
            return figures;
        }

        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var present = new HashSet<string>(StringComparer.Ordinal);
        var lookups = new Lookups(context);
        foreach (var (row, cells) in sheet.Rows())
        {
            var cell = new RowCells(sheet, row, cells, errors, lookups);
            var party = cell.Own(year);
            var pollutant = cell.Pollutant(year, period);
            var sector = pollutant is null ? null : cell.Sector(year, period, pollutant, allowTotal: false);
            if (!cell.IsEmpty("enterprise"))
            {
                cell.Fail("enterprise", "考核数据只填本地市各排放源的排放量，不分企业填写（国控企业的排放量在排放总量台账中报送）：请清空此格");
            }

            var tonnes = cell.Tonnes("tonnes", "排放量");
            var key = pollutant is null || sector is null ? null : $"{pollutant.Code}/{sector}";
            if (key is not null)
            {
                present.Add(key);
            }

            if (party is null || key is null || tonnes is null || !cell.IsEmpty("enterprise"))
            {
                continue;
            }

            if (cell.Duplicate(seen, key, "同一污染物的同一排放源只能填写一行"))
            {
                continue;
            }

            figures.Add(new EmissionFigure(pollutant!.Code, sector!, tonnes.Value, cell.Cell("tonnes")));
        }

        if (sheet.Errors.Count > 0)
        {
            // The sheet could not be read to its end: that is what to say about it.
            errors.Add(sheet.Errors);
            return [];
        }

        foreach (var pollutant in period.Pollutants)
        {
            foreach (var sector in period.SectorsOf(pollutant).Where(s => !present.Contains($"{pollutant.Code}/{s}")))
            {
                errors.Add(WorkbookCell.None(sheet.Sheet).Refuse($"缺少{pollutant.Code}（{pollutant.Name}）{EmissionSectors.Label(sector)}的排放量：每个污染物的每个排放源各填一行（没有排放时填 0）"));
            }
        }

        return figures;
    }

    private static List<PollutantTargetFigures> ReadAssessmentTargets(byte[] bytes, WorkbookContext context, int year, PlanPeriod period, ImportErrors errors)
    {
        var targets = new List<PollutantTargetFigures>();
        using var sheet = SheetReader.Read(bytes, AssessmentDataSheets.Targets, AssessmentTargetColumns, errors, AssessmentDataSheets.MaxRows);
        if (sheet is null)
        {
            return targets;
        }

        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var present = new HashSet<string>(StringComparer.Ordinal);
        var lookups = new Lookups(context);
        foreach (var (row, cells) in sheet.Rows())
        {
            var cell = new RowCells(sheet, row, cells, errors, lookups);
            var party = cell.Own(year);
            var pollutant = cell.Pollutant(year, period);
            var kind = cell.TargetKind(year, period);
            decimal? value = null;
            if (kind is { } k)
            {
                value = k == TargetKind.CapTonnes ? cell.Tonnes("value", "排放总量上限") : cell.Percent("value");
            }

            var previous = cell.OptionalTonnes("previousTonnes", "上年排放量");
            var baseYear = cell.OptionalTonnes("baseYearTonnes", "基准年排放量");
            if (pollutant is not null)
            {
                present.Add(pollutant.Code);
            }

            if (party is null || pollutant is null || kind is null || value is null
                || (previous is null && !cell.IsEmpty("previousTonnes")) || (baseYear is null && !cell.IsEmpty("baseYearTonnes")))
            {
                continue;
            }

            if (cell.Duplicate(seen, pollutant.Code, "同一污染物只能有一个目标"))
            {
                continue;
            }

            var at = new Dictionary<string, WorkbookCell>(StringComparer.Ordinal);
            foreach (var key in new[] { "kind", "value", "previousTonnes", "baseYearTonnes" })
            {
                at[key] = cell.Cell(key);
            }

            targets.Add(new PollutantTargetFigures(pollutant.Code, TargetKinds.ToCode(kind.Value), value.Value, previous, baseYear, at));
        }

        if (sheet.Errors.Count > 0)
        {
            // The sheet could not be read to its end: that is what to say about it.
            errors.Add(sheet.Errors);
            return [];
        }

        foreach (var pollutant in period.Pollutants.Where(p => !present.Contains(p.Code)))
        {
            errors.Add(WorkbookCell.None(sheet.Sheet).Refuse($"缺少{pollutant.Code}（{pollutant.Name}）的目标：每个污染物填写一行"));
        }

        return targets;
    }

    private static List<MonitoringCount> ReadMonitoring(byte[] bytes, WorkbookContext context, int year, ImportErrors errors)
    {
        var counts = new List<MonitoringCount>();
        using var sheet = SheetReader.Read(bytes, AssessmentDataSheets.Monitoring, MonitoringColumns, errors, AssessmentDataSheets.MaxRows);
        if (sheet is null)
        {
            return counts;
        }

        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var present = new HashSet<string>(StringComparer.Ordinal);
        var lookups = new Lookups(context);
        foreach (var (row, cells) in sheet.Rows())
        {
            var cell = new RowCells(sheet, row, cells, errors, lookups);
            var party = cell.Own(year);
            var item = cell.MonitoringItem();
            var count = cell.Count("count", item?.Label ?? "数量", item?.Unit);
            if (item is not null)
            {
                present.Add(item.Key);
            }

            if (party is null || item is null || count is null || cell.Duplicate(seen, item.Key, "每个指标只能填写一行"))
            {
                continue;
            }

            counts.Add(new MonitoringCount(item.Group, item.Field, count.Value, cell.Cell("count")));
        }

        if (sheet.Errors.Count > 0)
        {
            // The sheet could not be read to its end: that is what to say about it.
            errors.Add(sheet.Errors);
            return [];
        }

        foreach (var item in AssessmentDataSheets.MonitoringItems.Where(i => !present.Contains(i.Key)))
        {
            errors.Add(WorkbookCell.None(sheet.Sheet).Refuse($"缺少“{item.Label}”：每个指标填写一行（没有时填 0）"));
        }

        return counts;
    }

    private static List<KeyProjectProgress> ReadProjectProgress(byte[] bytes, WorkbookContext context, int year, ImportErrors errors)
    {
        var projects = new List<KeyProjectProgress>();
        using var sheet = SheetReader.Read(bytes, AssessmentDataSheets.Projects, ProjectProgressColumns, errors, AssessmentDataSheets.MaxRows);
        if (sheet is null)
        {
            return projects;
        }

        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var listed = 0;
        var lookups = new Lookups(context);
        foreach (var (row, cells) in sheet.Rows())
        {
            var cell = new RowCells(sheet, row, cells, errors, lookups);

            // The template names the prefecture on rows left for projects: such a row alone is no project.
            if (ProjectProgressColumns.Where(c => c.Key != "prefecture").All(c => cell.IsEmpty(c.Key)))
            {
                continue;
            }

            if (++listed > AssessmentDataSheets.MaxProjects)
            {
                cell.Fail("name", $"重点项目最多 {AssessmentDataSheets.MaxProjects} 个，超出的项目请合并或精简，详细清单可作为附件上传");
                continue;
            }

            var party = cell.Prefecture(year);
            var name = cell.Text("name", LedgerLimits.NameLength, required: true);
            var due = cell.Date("dueDate", "完成期限");
            var status = cell.ProjectStatus();
            var completed = cell.IsEmpty("completedOn") ? null : cell.Date("completedOn", "建成（投运）日期");
            var evidence = cell.Text("evidence", AssessmentDataSheets.EvidenceLength, required: false);
            if (party is null || name is null || due is null || status is null || (completed is null && !cell.IsEmpty("completedOn"))
                || (evidence is null && !cell.IsEmpty("evidence")))
            {
                continue;
            }

            if (cell.Duplicate(seen, name, "项目名称不能重复"))
            {
                continue;
            }

            var at = new Dictionary<string, WorkbookCell>(StringComparer.Ordinal);
            foreach (var key in new[] { "name", "dueDate", "status", "completedOn", "evidence" })
            {
                at[key] = cell.Cell(key);
            }

            projects.Add(new KeyProjectProgress(name, due.Value, status, completed, evidence, at));
        }

        if (sheet.Errors.Count > 0)
        {
            // The sheet could not be read to its end: that is what to say about it.
            errors.Add(sheet.Errors);
            return [];
        }

        return projects;
    }
}
