using Reduction.Workflows.Execution;

namespace Reduction.Workflows.Activities.Flow;

[Activity("Switch", "流程", "多路分支", "依次判断各分支条件，走第一个为真的分支；都不成立时走 default。",
    Outcomes = ["default"], DynamicOutcomesInput = "cases")]
public sealed class Switch : Activity
{
    [Input("分支", Description = "[{\"name\": \"pass\", \"condition\": \"verdict == 'pass'\"}]", UIHint = InputHints.Json, Required = true)]
    public List<SwitchCase> Cases { get; set; } = [];

    [Input("全部匹配", Description = "为真时走所有条件成立的分支", UIHint = InputHints.Checkbox)]
    public bool MatchAll { get; set; }

    public override ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var matched = new List<string>();
        foreach (var branch in Cases)
        {
            if (context.EvaluateBoolean(branch.Condition))
            {
                matched.Add(branch.Name);
                if (!MatchAll)
                {
                    break;
                }
            }
        }

        context.Complete(matched.Count == 0 ? ["default"] : [.. matched]);
        return ValueTask.CompletedTask;
    }
}
