using System.Globalization;
using System.Text.Json.Nodes;
using Reduction.Domain.Calendar;
using Reduction.Workflows.Execution;

namespace Reduction.Workflows.Activities.Timing;

[Activity("WaitUntil", "时间", "等待至", "等待到日历规则算出的日期（北京时间某时刻）或指定时刻。", Waits = true)]
public sealed class WaitUntil : Activity
{
    [Input("日历规则", Description = "如 day:03-15、last-day:02、workdays:+5（相对锚定日），可加 roll-forward", UIHint = InputHints.DeadlineRule)]
    public string? Rule { get; set; }

    [Input("年份表达式", Description = "规则所在年份，默认变量 year", UIHint = InputHints.Expression)]
    public string Year { get; set; } = "year";

    [Input("锚定日表达式", Description = "workdays/days 规则的起算日（yyyy-MM-dd）", UIHint = InputHints.Expression)]
    public string? Anchor { get; set; }

    [Input("工作日历", Description = "按哪个单位的工作日历计算（单位标识表达式），默认全区", UIHint = InputHints.Expression)]
    public string? CalendarKey { get; set; }

    [Input("时刻", Description = "当日北京时间 HH:mm，或 end 表示当日 23:59:59", UIHint = InputHints.Text)]
    public string At { get; set; } = "09:00";

    [Input("指定时刻表达式", Description = "ISO 8601 时刻，与日历规则二选一", UIHint = InputHints.Expression)]
    public string? Instant { get; set; }

    public override ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var due = ResolveDue(context);
        var bookmark = context.CreateBookmark("timer");
        context.ScheduleTimer(bookmark, due, "resume");
        context.State["dueAt"] = due.ToString("O", CultureInfo.InvariantCulture);
        context.Journal("waiting", $"等待至 {BeijingTime.ToBeijing(due):yyyy-MM-dd HH:mm:ss}（北京时间）");
        return ValueTask.CompletedTask;
    }

    public override ValueTask ResumeAsync(ActivityExecutionContext context, Resumption resumption)
    {
        context.Complete();
        return ValueTask.CompletedTask;
    }

    private DateTimeOffset ResolveDue(ActivityExecutionContext context)
    {
        if (Instant is { Length: > 0 })
        {
            var text = context.Evaluate(Instant)?.GetValue<string>() ?? throw new FormatException("instant 表达式结果为空 / instant is null");
            return DateTimeOffset.Parse(text, CultureInfo.InvariantCulture);
        }

        var rule = DeadlineRule.Parse(Rule ?? throw new FormatException("缺少 rule 或 instant / rule or instant is required"));
        var year = ToInt(context.Evaluate(Year));
        DateOnly? anchor = Anchor is { Length: > 0 }
            ? DateOnly.ParseExact(context.Evaluate(Anchor)!.GetValue<string>()[..10], "yyyy-MM-dd", CultureInfo.InvariantCulture)
            : null;
        var key = CalendarKey is { Length: > 0 } ? context.Evaluate(CalendarKey)?.GetValue<string>() : null;
        var deadline = rule.Resolve(new DeadlineContext(year, anchor, key), context.Calendar);
        return TimeOfDay.On(deadline.DueDate, At);
    }

    internal static int ToInt(JsonNode? node) => node switch
    {
        JsonValue v when v.TryGetValue<int>(out var i) => i,
        JsonValue v when v.TryGetValue<long>(out var l) => checked((int)l),
        JsonValue v when v.TryGetValue<decimal>(out var d) => (int)d,
        JsonValue v when v.TryGetValue<string>(out var s) && int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var p) => p,
        _ => throw new FormatException($"应为整数 / expected an integer: {node?.ToJsonString() ?? "null"}"),
    };
}
