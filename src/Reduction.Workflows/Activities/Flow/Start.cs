using Reduction.Workflows.Execution;

namespace Reduction.Workflows.Activities.Flow;

[Activity("Start", "流程", "开始", "流程的起点。")]
public sealed class Start : Activity
{
    public override ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        context.Complete();
        return ValueTask.CompletedTask;
    }
}
