using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Reduction.Domain.Calendar;
using Reduction.Domain.Parties;
using Reduction.Workflows.Persistence;
using Reduction.Workflows.Tasks;

namespace Reduction.Cli.Workflows;

/// <summary>How the store commands show instants, statuses and parties: Beijing time, zh-CN labels for people,
/// lowercase English codes in JSON.</summary>
internal static class DisplayText
{
    public const string None = "（无）";

    public static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>One-line JSON for values inside text output.</summary>
    public static readonly JsonSerializerOptions CompactJsonOptions = new(JsonOptions) { WriteIndented = false };

    /// <summary>`--status` values and JSON codes of instance statuses.</summary>
    public static readonly IReadOnlyDictionary<string, InstanceStatus> InstanceStatusCodes = new Dictionary<string, InstanceStatus>(StringComparer.Ordinal)
    {
        ["running"] = InstanceStatus.Running,
        ["completed"] = InstanceStatus.Completed,
        ["faulted"] = InstanceStatus.Faulted,
        ["cancelled"] = InstanceStatus.Cancelled,
        ["suspended"] = InstanceStatus.Suspended,
    };

    /// <summary>`yyyy-MM-dd HH:mm:ss` in Beijing time, for tables.</summary>
    public static string Time(DateTimeOffset instant) =>
        BeijingTime.ToBeijing(instant).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    public static string Time(DateTimeOffset? instant) => instant is { } value ? Time(value) : None;

    /// <summary>ISO 8601 with the Beijing offset, for JSON: `2015-03-15T23:59:59+08:00`.</summary>
    public static string Iso(DateTimeOffset instant) =>
        BeijingTime.ToBeijing(instant).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    public static string? Iso(DateTimeOffset? instant) => instant is { } value ? Iso(value) : null;

    public static string Code(InstanceStatus status) => InstanceStatusCodes.Single(s => s.Value == status).Key;

    public static string Label(InstanceStatus status) => status switch
    {
        InstanceStatus.Running => "运行中",
        InstanceStatus.Suspended => "已暂停",
        InstanceStatus.Completed => "已完成",
        InstanceStatus.Cancelled => "已取消",
        InstanceStatus.Faulted => "故障",
        _ => status.ToString(),
    };

    public static string Code(TaskState state) => state.ToString().ToLowerInvariant();

    public static string Label(TaskState state) => state switch
    {
        TaskState.Open => "待办",
        TaskState.Overdue => "已逾期",
        TaskState.Submitted => "已提交",
        TaskState.Cancelled => "已取消",
        _ => state.ToString(),
    };

    public static string Label(TaskActionResult result) => result switch
    {
        TaskActionResult.Accepted => "已受理",
        TaskActionResult.AlreadyCompleted => "已完成过",
        TaskActionResult.Closed => "任务已关闭",
        TaskActionResult.NotFound => "未找到",
        TaskActionResult.Invalid => "操作无效",
        TaskActionResult.Held => "流程已暂停，暂不能办理",
        _ => result.ToString(),
    };

    /// <summary>Timer purposes: reminder, due, escalation, resume, retry, cron.</summary>
    public static string PurposeLabel(string purpose) => purpose switch
    {
        "reminder" => "提醒",
        "due" => "到期",
        "escalation" => "督办",
        "resume" => "恢复",
        "retry" => "重试",
        "cron" => "定时触发",
        _ => purpose,
    };

    /// <summary>The name the party bore on <paramref name="date"/> (日喀则地区 before 2014-06-26); the id when unknown.</summary>
    public static string PartyName(PartyDirectory parties, string partyId, DateOnly date) =>
        parties.FindById(partyId)?.NameOn(date).Name ?? partyId;

    /// <summary>The party name on the Beijing date of <paramref name="instant"/>.</summary>
    public static string PartyName(PartyDirectory parties, string partyId, DateTimeOffset instant) =>
        PartyName(parties, partyId, BeijingTime.DateOf(instant));
}
