using System.Globalization;
using Reduction.Domain.Calendar;
using Reduction.Workflows.Persistence;

namespace Reduction.Server.Components.Shared;

/// <summary>How instants, durations and statuses read on the pages: Beijing time, Chinese words.</summary>
public static class Format
{
    /// <summary>2015年3月15日 23:59:59</summary>
    public static string DateTime(DateTimeOffset instant)
    {
        var local = BeijingTime.ToBeijing(instant);
        return local.ToString("yyyy年M月d日 HH:mm:ss", CultureInfo.InvariantCulture);
    }

    /// <summary>2015-03-15 23:59</summary>
    public static string Short(DateTimeOffset instant) => BeijingTime.ToBeijing(instant).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    /// <summary>"剩余 3 天 5 小时" before <paramref name="lateFrom"/>, "已逾期 2 天 3 小时" after.</summary>
    public static string TimeLeft(DateTimeOffset now, DateTimeOffset lateFrom)
    {
        var span = lateFrom - now;
        var late = span < TimeSpan.Zero;
        var text = Duration(late ? -span : span);
        return late ? $"已逾期 {text}" : $"剩余 {text}";
    }

    public static string Duration(TimeSpan span) => span.TotalDays >= 1
        ? string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalDays} 天 {span.Hours} 小时")
        : span.TotalHours >= 1
            ? string.Create(CultureInfo.InvariantCulture, $"{span.Hours} 小时 {span.Minutes} 分钟")
            : string.Create(CultureInfo.InvariantCulture, $"{Math.Max(1, span.Minutes)} 分钟");

    public static string Status(TaskRecord task)
    {
        ArgumentNullException.ThrowIfNull(task);
        return TaskStatus(task.Status, task.ClosedAt);
    }

    public static string TaskStatus(TaskState status, DateTimeOffset? closedAt) => status switch
    {
        TaskState.Open => "待办",
        TaskState.Overdue => "已逾期，待办",
        TaskState.Submitted => closedAt is null ? "已提交（可修改）" : "已办结",
        TaskState.Cancelled => "已取消",
        _ => status.ToString(),
    };

    public static string Status(InstanceStatus status) => status switch
    {
        InstanceStatus.Running => "运行中",
        InstanceStatus.Suspended => "已暂停",
        InstanceStatus.Completed => "已完成",
        InstanceStatus.Cancelled => "已取消",
        InstanceStatus.Faulted => "故障",
        _ => status.ToString(),
    };

    public static string TimerStatus(TimerStatus status) => status switch
    {
        Reduction.Workflows.Persistence.TimerStatus.Pending => "待触发",
        Reduction.Workflows.Persistence.TimerStatus.Fired => "已触发",
        Reduction.Workflows.Persistence.TimerStatus.Cancelled => "已取消",
        _ => status.ToString(),
    };

    /// <summary>A timer's purpose as its kind code names it.</summary>
    public static string TimerKind(string kind) => kind switch
    {
        "reminder" => "提醒",
        "due" => "到期",
        "escalation" => "督办",
        "delay" => "延时",
        "wait-until" or "until" => "等待至",
        "resume" => "恢复",
        "retry" => "重试",
        "cron" => "定时启动",
        _ => kind,
    };

    public static string Size(long bytes) => bytes >= 1024 * 1024
        ? string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024d / 1024d:0.0} MB")
        : string.Create(CultureInfo.InvariantCulture, $"{Math.Max(1, (bytes + 1023) / 1024)} KB");

    public static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
}
