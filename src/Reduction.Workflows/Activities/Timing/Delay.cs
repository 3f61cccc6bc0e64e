using System.Xml;
using Reduction.Workflows.Execution;

namespace Reduction.Workflows.Activities.Timing;

[Activity("Delay", "时间", "延时", "等待一段时长（ISO 8601，如 PT2H、P3D）。工作日请用“等待至”的 workdays 规则。", Waits = true)]
public sealed class Delay : Activity
{
    [Input("时长", Description = "ISO 8601 时长，如 PT30M、P3D", UIHint = InputHints.Duration, Required = true)]
    public string Duration { get; set; } = "";

    public override ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        TimeSpan duration;
        try
        {
            duration = XmlConvert.ToTimeSpan(Duration);
        }
        catch (FormatException)
        {
            throw new FormatException($"时长“{Duration}”不是 ISO 8601 格式 / '{Duration}' is not an ISO 8601 duration");
        }

        var bookmark = context.CreateBookmark("timer");
        context.ScheduleTimer(bookmark, context.Now + duration, "resume");
        return ValueTask.CompletedTask;
    }

    public override ValueTask ResumeAsync(ActivityExecutionContext context, Resumption resumption)
    {
        context.Complete();
        return ValueTask.CompletedTask;
    }
}
