namespace Reduction.Notifications.Templates;

/// <summary>What a template folder's `notice.json` says about its notices: who issues them, which document
/// series numbers them, who is principal, and whether they carry the task link and the deadline calendar.</summary>
/// <param name="Key">Folder name, e.g. `task-issued`.</param>
/// <param name="Issuer">Party id of the issuing authority (发文机关).</param>
/// <param name="Series">Document series in the issuer's codes (`发`, `函`, `报`), or null for notices without a number.</param>
/// <param name="Principal">How recipients split into 主送 and 抄送.</param>
/// <param name="TaskLink">Whether the task's assignee gets its task link in the notice.</param>
/// <param name="Calendar">Whether a task notice carries the deadline as an .ics attachment.</param>
/// <param name="AdminsOnly">Whether only contacts marked as administrators receive it (delivery alerts).</param>
/// <param name="Name">The zh-CN name users read for the kind (`name` in `notice.json`, e.g. 逾期催报函); the key stays in JSON.</param>
public sealed record NoticeKind(
    string Key,
    string Issuer,
    string? Series,
    RecipientRule Principal,
    bool TaskLink,
    bool Calendar,
    bool AdminsOnly,
    string? Name = null)
{
    /// <summary>What pages and tables show: the kind's own name, else a plain 通知 (never the key).</summary>
    public string DisplayName => Name is { Length: > 0 } name ? name : "通知";
}
