namespace Reduction.Ledger.Workbooks;

/// <summary>
/// The assessment-data workbook a prefecture may upload on its task page instead of typing the form: one sheet per
/// part of the form (排放量 by pollutant and sector, 减排目标 with the previous and base-year tonnes, 监控数据, 重点项目),
/// each row naming the prefecture (and the year), so rows of another prefecture or year are refused at their cell.
/// </summary>
public static class AssessmentDataSheets
{
    public const string Emissions = "排放量";

    public const string Targets = "减排目标";

    public const string Monitoring = "监控数据";

    public const string Projects = "重点项目";

    /// <summary>Key projects one answer may list (the form's own limit).</summary>
    public const int MaxProjects = 50;

    /// <summary>Rows a sheet of this workbook may hold: far more than any prefecture's data, far fewer than a ledger.</summary>
    public const int MaxRows = 1_000;

    /// <summary>The longest text of a project's evidence (the form's own limit).</summary>
    public const int EvidenceLength = 4000;

    public static IReadOnlyList<string> All { get; } = [Emissions, Targets, Monitoring, Projects];

    /// <summary>The monitoring counts in the order of the form: the case's `monitoring.{group}.{field}`, the label the
    /// workbook writes, the unit a cell may carry, and the labels people may write instead (the form's own among them).</summary>
    public static IReadOnlyList<MonitoringItem> MonitoringItems { get; } =
    [
        new("transmission", "due", "自动监控数据应传输条数", "条", ["应传输条数"]),
        new("transmission", "received", "自动监控数据实际接收条数", "条", ["实际接收条数"]),
        new("transmission", "valid", "自动监控数据有效条数", "条", ["其中有效条数", "有效条数"]),
        new("selfMonitoringPublication", "required", "应公布自行监测结果的企业数", "家", []),
        new("selfMonitoringPublication", "published", "已公布自行监测结果的企业数", "家", ["已公布的企业数"]),
        new("supervisoryMonitoringPublication", "required", "四个季度开展监督性监测的企业数", "家", []),
        new("supervisoryMonitoringPublication", "published", "每季度均公布监督性监测结果的企业数", "家", ["每季度均公布结果的企业数"]),
    ];
}

/// <summary>One monitoring count of the assessment data.</summary>
public sealed record MonitoringItem(string Group, string Field, string Label, string Unit, IReadOnlyList<string> Aliases)
{
    public string Key => $"{Group}.{Field}";
}

/// <summary>A checked assessment-data workbook: every figure with the cell it came from, for the checks that follow
/// (the form's own, which look at several figures together) to point at.</summary>
public sealed record AssessmentDataWorkbook(
    string PrefectureId,
    int Year,
    IReadOnlyList<EmissionFigure> Emissions,
    IReadOnlyList<PollutantTargetFigures> Targets,
    IReadOnlyList<MonitoringCount> Monitoring,
    IReadOnlyList<KeyProjectProgress> Projects);

/// <summary>A pollutant's tonnes from one sector.</summary>
public sealed record EmissionFigure(string Pollutant, string Sector, decimal Tonnes, WorkbookCell Cell);

/// <summary>A pollutant's target (kind code and value) with its previous and base-year tonnes; <see cref="Cells"/>
/// by column key: `kind`, `value`, `previousTonnes`, `baseYearTonnes`.</summary>
public sealed record PollutantTargetFigures(string Pollutant, string Kind, decimal Value, decimal? PreviousTonnes, decimal? BaseYearTonnes, IReadOnlyDictionary<string, WorkbookCell> Cells);

/// <summary>A monitoring count (`monitoring.{Group}.{Field}` of the case).</summary>
public sealed record MonitoringCount(string Group, string Field, long Count, WorkbookCell Cell);

/// <summary>A key project's progress (status code); <see cref="Cells"/> by column key: `name`, `dueDate`, `status`,
/// `completedOn`, `evidence`.</summary>
public sealed record KeyProjectProgress(string Name, DateOnly DueDate, string Status, DateOnly? CompletedOn, string? Evidence, IReadOnlyDictionary<string, WorkbookCell> Cells);

/// <summary>An assessment-data workbook as read: the data when no cell was refused, else the errors.</summary>
public sealed record AssessmentDataRead(AssessmentDataWorkbook? Data, ImportErrors Errors)
{
    public bool Ok => Data is not null && Errors.Count == 0;
}
