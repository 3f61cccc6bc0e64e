namespace Reduction.Notifications.Links;

/// <summary>The answer to a presented token. Only <see cref="TaskLinkStatus.Valid"/> names the task; the other
/// outcomes carry a plain zh-CN explanation for the page and nothing else.</summary>
public sealed record TaskLinkResolution(TaskLinkStatus Status, Guid? TaskId, string? PartyId, Guid? LinkId, string? Message)
{
    public static TaskLinkResolution Invalid { get; } = new(TaskLinkStatus.Invalid, null, null, null, "链接无效。请核对通知邮件中的完整链接，或联系西藏自治区环境保护厅。");

    public static TaskLinkResolution Expired { get; } = new(TaskLinkStatus.Expired, null, null, null, "该任务已办结，链接已失效。如需查询，请联系西藏自治区环境保护厅。");

    public static TaskLinkResolution Revoked { get; } = new(TaskLinkStatus.Revoked, null, null, null, "该链接已作废。请使用最新通知中的链接，或联系西藏自治区环境保护厅重新发送。");

    public static TaskLinkResolution Valid(Guid taskId, string partyId, Guid linkId) => new(TaskLinkStatus.Valid, taskId, partyId, linkId, null);
}
