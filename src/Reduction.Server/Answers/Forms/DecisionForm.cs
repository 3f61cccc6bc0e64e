using System.Text.Json.Nodes;

namespace Reduction.Server.Answers.Forms;

/// <summary>A decision with comments (`{"decision": "...", "comments": "..."}`): the EPB's plan review, the
/// government's approval and the EPB's re-verification. The codes are the ones the shipped workflows test.</summary>
public sealed class DecisionForm(string heading, string commentsLabel, params DecisionOption[] options) : TaskForm
{
    public static DecisionForm PlanReview => new("审查意见", "退回理由和修改要求",
        new DecisionOption("accept", "审查通过", NeedsComments: false),
        new DecisionOption("return", "退回修改", NeedsComments: true));

    public static DecisionForm GovernmentApproval => new("审定意见", "退回意见",
        new DecisionOption("approve", "同意考核结果", NeedsComments: false),
        new DecisionOption("return", "退回复核", NeedsComments: true));

    public static DecisionForm ReVerification => new("复核结论", "复核情况说明",
        new DecisionOption("fixed", "问题已整改到位", NeedsComments: false),
        new DecisionOption("notFixed", "尚未整改到位", NeedsComments: true));

    public override string Heading => heading;

    public string CommentsLabel => commentsLabel;

    public IReadOnlyList<DecisionOption> Options => options;

    public override bool AcceptsAttachments => false;

    public override FormLimits Limits(TaskFormContext context) =>
        base.Limits(context).Field("decision", FormLimits.Code).Field("comments", FormLimits.Long);

    public override JsonObject? Read(FormState state, TaskFormContext context)
    {
        var decision = FormInput.Choice(state, "decision", "意见", options.Select(o => o.Code));
        var needsComments = options.FirstOrDefault(o => o.Code == decision)?.NeedsComments ?? false;
        var comments = FormInput.Text(state, "comments", commentsLabel, required: needsComments);
        if (state.HasErrors)
        {
            return null;
        }

        var data = new JsonObject { ["decision"] = decision };
        if (comments is not null)
        {
            data["comments"] = comments;
        }

        return data;
    }

    public override void Fill(FormState state, JsonObject data, TaskFormContext context)
    {
        state.Values["decision"] = Str(data["decision"]) ?? string.Empty;
        state.Values["comments"] = Str(data["comments"]) ?? string.Empty;
    }
}
