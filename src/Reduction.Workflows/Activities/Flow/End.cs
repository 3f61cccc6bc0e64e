using Reduction.Workflows.Execution;

namespace Reduction.Workflows.Activities.Flow;

[Activity("End", "流程", "结束", "结束整个流程实例；其他仍在等待的分支一并取消。", Outcomes = [])]
public sealed class End : Activity
{
    public override ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        context.EndInstance();
        return ValueTask.CompletedTask;
    }
}
