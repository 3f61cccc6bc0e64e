namespace Reduction.Notifications.Links;

/// <summary>The answer to a presented token. Only <see cref="TaskLinkStatus.Valid"/> names the task; the other
/// outcomes carry a plain zh-CN explanation for the page and nothing else.</summary>
public sealed record TaskLinkResolution(TaskLinkStatus Status, Guid? TaskId, string? PartyId, Guid? LinkId, string? Message)
{
    /// <summary>Stands for the EPB in <see cref="Message"/>: the page that shows it names the body as on the day it is
    /// read (西藏自治区环境保护厅 until November 2018, 西藏自治区生态环境厅 since).</summary>
    public const string EpbPlaceholder = "{epb}";

    public static TaskLinkResolution Invalid { get; } = new(TaskLinkStatus.Invalid, null, null, null, "链接无效。请核对通知邮件中的完整链接，或联系{epb}。");

    public static TaskLinkResolution Expired { get; } = new(TaskLinkStatus.Expired, null, null, null, "该任务已办结，链接已失效。如需查询，请联系{epb}。");

    public static TaskLinkResolution Revoked { get; } = new(TaskLinkStatus.Revoked, null, null, null, "该链接已作废。请使用最新通知中的链接，或联系{epb}重新发送。");

    public static TaskLinkResolution Valid(Guid taskId, string partyId, Guid linkId) => new(TaskLinkStatus.Valid, taskId, partyId, linkId, null);
}
