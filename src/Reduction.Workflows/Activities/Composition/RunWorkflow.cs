using System.Text.Json;
using Reduction.Workflows.Execution;

namespace Reduction.Workflows.Activities.Composition;

[Activity("RunWorkflow", "组合", "运行子流程", "启动一个子流程实例并等待其结束。", Waits = true)]
public sealed class RunWorkflow : Activity
{
    [Input("子流程", UIHint = InputHints.Workflow, Required = true)]
    public string Workflow { get; set; } = "";

    [Input("输入", Description = "子流程变量（字符串可用 {{ }} 模板）", UIHint = InputHints.Json)]
    public JsonElement? Input { get; set; }

    [Input("结果变量", Description = "子流程结束时的变量存入此变量", UIHint = InputHints.Text)]
    public string? OutputVariable { get; set; }

    public override ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var bookmark = context.CreateBookmark("child");
        context.StartChild(Workflow, ForEach.RenderObject(context, Input), context.EffectKey, bookmark);
        return ValueTask.CompletedTask;
    }

    public override ValueTask ResumeAsync(ActivityExecutionContext context, Resumption resumption)
    {
        if (OutputVariable is { Length: > 0 })
        {
            context.Variables[OutputVariable] = resumption.Payload?["variables"]?.DeepClone();
        }

        context.Complete();
        return ValueTask.CompletedTask;
    }
}
