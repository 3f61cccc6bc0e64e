namespace Reduction.Ledger.Workbooks;

/// <summary>The workbooks that import (`targets`, `key-projects`, `ledger`) and export (those, `tasks`, and a cycle
/// year's `results` and `overview`), as the API names them.</summary>
public static class WorkbookKinds
{
    public const string Targets = "targets";

    public const string KeyProjects = "key-projects";

    public const string Ledger = "ledger";

    public const string Results = "results";

    public const string Tasks = "tasks";

    public const string Overview = "overview";

    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static IReadOnlyList<string> Importable { get; } = [Targets, KeyProjects, Ledger];

    public static IReadOnlyList<string> Exportable { get; } = [Ledger, Targets, KeyProjects, Tasks, Results, Overview];

    public static string SheetName(string kind) => kind switch
    {
        Targets => "减排目标",
        KeyProjects => "重点项目",
        Ledger => "排放台账",
        Results => "考核结果",
        Tasks => "任务清单",
        Overview => "年度总览",
        _ => kind,
    };

    /// <summary>The zh-CN name of a workbook, for file names and messages.</summary>
    public static string Title(string kind) => kind switch
    {
        Targets => "减排目标",
        KeyProjects => "重点项目",
        Ledger => "排放总量台账",
        Results => "考核结果",
        Tasks => "任务清单",
        Overview => "年度总览",
        _ => kind,
    };
}
