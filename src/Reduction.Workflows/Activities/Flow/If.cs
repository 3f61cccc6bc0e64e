using Reduction.Workflows.Execution;

namespace Reduction.Workflows.Activities.Flow;

[Activity("If", "流程", "条件判断", "按条件表达式的真假选择分支。", Outcomes = ["true", "false"])]
public sealed class If : Activity
{
    [Input("条件", Description = "Scriban 表达式，结果须为布尔值，例如 verdict == \"fail\"", UIHint = InputHints.Expression, Required = true)]
    public string Condition { get; set; } = "";

    public override ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var result = context.EvaluateBoolean(Condition);
        context.Journal("condition", $"条件 {Condition} 为 {(result ? "真" : "假")}");
        context.Complete(result ? "true" : "false");
        return ValueTask.CompletedTask;
    }
}
