namespace Reduction.Workflows.Tasks;

/// <summary>Task kinds (an <c>IssueTask</c>'s <c>taskKind</c>) that the read side treats apart.</summary>
public static class TaskKinds
{
    /// <summary>A prefecture's emissions, monitoring data and project progress for the assessed year.</summary>
    public const string AssessmentData = "assessment-data";

    /// <summary>The public security, agriculture and statistics departments' accounting data (vehicles, livestock,
    /// population and energy).</summary>
    public const string DepartmentData = "department-data";

    /// <summary>True for the kinds whose answers are the assessment's accounting data, confidential until the
    /// government approves the results (DOMAIN.md section 6).</summary>
    public static bool IsAssessmentData(string kind) => kind is AssessmentData or DepartmentData;

    /// <summary>The Chinese name of a shipped task kind (the code itself for one this table does not know).</summary>
    public static string DisplayName(string kind) => kind switch
    {
        "self-check" => "自查报告",
        "annual-plan" => "年度计划",
        "plan-review" => "计划审查",
        AssessmentData => "考核数据",
        DepartmentData => "部门核算数据",
        "department-review" => "部门审核",
        "government-approval" => "政府审定",
        "re-verification" => "整改复核",
        "supervision-measures" => "监察措施",
        _ => kind,
    };
}
