using System.Text.Json.Nodes;

namespace Reduction.Server.Answers.Forms;

/// <summary>The answer form of one task kind: reads the posted values into the answer's data (errors go beside the
/// fields) and fills the values back from an earlier revision.</summary>
public abstract class TaskForm
{
    /// <summary>Heading of the form section.</summary>
    public abstract string Heading { get; }

    public virtual bool AcceptsAttachments => true;

    /// <summary>What the form can take (docs/operations.md lists it per form); the contact fields and the attachments
    /// kept from the previous revision are common to all.</summary>
    public virtual FormLimits Limits(TaskFormContext context) =>
        new FormLimits().Field("contact.name", 50).Field("contact.phone", 30).Field("keep", FormLimits.Code);

    /// <summary>The answer's data, or null when the state holds errors.</summary>
    public abstract JsonObject? Read(FormState state, TaskFormContext context);

    /// <summary>Puts an earlier answer back into the form's values.</summary>
    public abstract void Fill(FormState state, JsonObject data, TaskFormContext context);

    /// <summary>The form for a task kind; kinds without a form of their own get a written report.</summary>
    public static TaskForm For(string kind) => kind switch
    {
        "annual-plan" => new AnnualPlanForm(),
        "assessment-data" => new AssessmentDataForm(),
        "department-review" => new DepartmentReviewForm(),
        "government-approval" => DecisionForm.GovernmentApproval,
        "plan-review" => DecisionForm.PlanReview,
        "re-verification" => DecisionForm.ReVerification,
        _ => new ReportForm(),
    };

    protected static string? Str(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : node?.ToJsonString();

    protected static string Number(JsonNode? node) => node is JsonValue value ? value.ToJsonString().Trim('"') : string.Empty;
}
