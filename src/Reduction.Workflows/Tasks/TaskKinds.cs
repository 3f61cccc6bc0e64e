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
}
