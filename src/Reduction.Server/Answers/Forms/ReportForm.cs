using System.Text.Json.Nodes;

namespace Reduction.Server.Answers.Forms;

/// <summary>A written report with attachments: self-check, department data, supervision measures and any kind
/// without a form of its own.</summary>
public sealed class ReportForm : TaskForm
{
    public override string Heading => "报送内容";

    public override FormLimits Limits(TaskFormContext context) => base.Limits(context).Field("summary", FormLimits.Summary);

    public override JsonObject? Read(FormState state, TaskFormContext context)
    {
        var summary = FormInput.Text(state, "summary", "报告内容", required: true, maxLength: 20000);
        return state.HasErrors ? null : new JsonObject { ["summary"] = summary };
    }

    public override void Fill(FormState state, JsonObject data, TaskFormContext context) =>
        state.Values["summary"] = Str(data["summary"]) ?? string.Empty;
}
