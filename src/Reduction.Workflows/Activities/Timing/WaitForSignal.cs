using Reduction.Workflows.Execution;

namespace Reduction.Workflows.Activities.Timing;

[Activity("WaitForSignal", "时间", "等待信号", "等待外部信号（如“复核完成”）；可按关联值区分实例。", Waits = true)]
public sealed class WaitForSignal : Activity
{
    [Input("信号名", UIHint = InputHints.Text, Required = true)]
    public string Signal { get; set; } = "";

    [Input("关联值模板", Description = "如 {{ prefecture }}：只接收该关联值的信号", UIHint = InputHints.Template)]
    public string? Correlation { get; set; }

    [Input("结果变量", Description = "把信号携带的数据存入此变量", UIHint = InputHints.Text)]
    public string? OutputVariable { get; set; }

    public override ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var correlation = Correlation is { Length: > 0 } ? context.Render(Correlation) : null;
        context.CreateBookmark("signal", correlation is null ? Signal : $"{Signal}:{correlation}");
        return ValueTask.CompletedTask;
    }

    public override ValueTask ResumeAsync(ActivityExecutionContext context, Resumption resumption)
    {
        if (OutputVariable is { Length: > 0 })
        {
            context.Variables[OutputVariable] = resumption.Payload?.DeepClone();
        }

        context.Complete();
        return ValueTask.CompletedTask;
    }
}
