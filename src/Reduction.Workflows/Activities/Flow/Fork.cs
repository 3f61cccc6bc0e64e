using Reduction.Workflows.Execution;

namespace Reduction.Workflows.Activities.Flow;

[Activity("Fork", "流程", "并行分叉", "同时进入所有分支。", Outcomes = [], DynamicOutcomesInput = "branches")]
public sealed class Fork : Activity
{
    [Input("分支名", Description = "例如 [\"plan\", \"selfCheck\"]", UIHint = InputHints.Json, Required = true)]
    public List<string> Branches { get; set; } = [];

    public override ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        context.Complete([.. Branches]);
        return ValueTask.CompletedTask;
    }
}
