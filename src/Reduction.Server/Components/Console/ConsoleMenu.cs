using System.Security.Claims;
using MudBlazor;
using Reduction.Identity.Accounts;

namespace Reduction.Server.Components.Console;

/// <summary>What the console offers, by role: the navigation shows a caller only the entries of its roles, and each
/// page's own [Authorize(Roles = ...)] refuses the others, so a hidden entry is also a closed door.</summary>
public static class ConsoleMenu
{
    public static IReadOnlyList<ConsoleMenuEntry> Entries { get; } =
    [
        new(AccountRoles.Operator, "年度总览", "/console/overview", Icons.Material.Outlined.Dashboard),
        new(AccountRoles.Operator, "启动周期", "/console/cycles", Icons.Material.Outlined.PlayCircleOutline),
        new(AccountRoles.Operator, "实例", "/console/instances", Icons.Material.Outlined.AccountTree),
        new(AccountRoles.Operator, "任务", "/console/tasks", Icons.Material.Outlined.Assignment),
        new(AccountRoles.Operator, "通知", "/console/notices", Icons.Material.Outlined.Mail),
        new(AccountRoles.Operator, "否决措施", "/console/sanctions", Icons.Material.Outlined.Gavel),
        new(AccountRoles.Operator, "图表", "/console/dashboard", Icons.Material.Outlined.BarChart),
        new(AccountRoles.Operator, "排放台账", "/console/ledger", Icons.Material.Outlined.TableChart),
        new(AccountRoles.Operator, "减排目标", "/console/targets", Icons.Material.Outlined.Flag),
        new(AccountRoles.Operator, "重点项目", "/console/key-projects", Icons.Material.Outlined.Construction),
        new(AccountRoles.Operator, "单位与联系人", "/console/reference-data/parties", Icons.Material.Outlined.Contacts),
        new(AccountRoles.Member, "年度总览", "/console/overview", Icons.Material.Outlined.Dashboard),
        new(AccountRoles.Member, "我的任务", "/console/my-tasks", Icons.Material.Outlined.AssignmentInd),
        new(AccountRoles.Member, "本单位通知", "/console/my-notices", Icons.Material.Outlined.MarkEmailUnread),
        new(AccountRoles.Member, "否决措施", "/console/sanctions", Icons.Material.Outlined.Gavel),
        new(AccountRoles.Member, "图表", "/console/dashboard", Icons.Material.Outlined.BarChart),
        new(AccountRoles.Member, "排放台账", "/console/ledger", Icons.Material.Outlined.TableChart),
        new(AccountRoles.Member, "减排目标", "/console/targets", Icons.Material.Outlined.Flag),
        new(AccountRoles.Member, "重点项目", "/console/key-projects", Icons.Material.Outlined.Construction),
        new(AccountRoles.SystemAdmin, "年度总览", "/console/overview", Icons.Material.Outlined.Dashboard),
        new(AccountRoles.SystemAdmin, "工作流", "/console/workflows", Icons.Material.Outlined.Schema),
        new(AccountRoles.SystemAdmin, "日历", "/console/calendar", Icons.Material.Outlined.CalendarMonth),
        new(AccountRoles.SystemAdmin, "参考数据", "/console/reference-data", Icons.Material.Outlined.Dataset),
        new(AccountRoles.SystemAdmin, "单位与联系人", "/console/reference-data/parties", Icons.Material.Outlined.Contacts),
        new(AccountRoles.SystemAdmin, "作业面板", "/hangfire", Icons.Material.Outlined.Schedule, External: true),
        new(AccountRoles.SecurityAdmin, "账户", "/console/accounts", Icons.Material.Outlined.ManageAccounts),
        new(AccountRoles.SecurityAdmin, "API 密钥", "/console/api-keys", Icons.Material.Outlined.Key),
        new(AccountRoles.AuditAdmin, "审计日志", "/console/audit", Icons.Material.Outlined.FactCheck),
    ];

    /// <summary>The entries of the caller's roles, each address once (the year at a glance serves several roles).</summary>
    public static IReadOnlyList<ConsoleMenuEntry> For(ClaimsPrincipal user) =>
        Entries.Where(e => user?.IsInRole(e.Role) == true).DistinctBy(e => e.Href, StringComparer.OrdinalIgnoreCase).ToArray();

    /// <summary>The entry of a console address (placeholders take their title from it).</summary>
    public static ConsoleMenuEntry? Of(string path) =>
        Entries.FirstOrDefault(e => string.Equals(e.Href, path, StringComparison.OrdinalIgnoreCase));
}
