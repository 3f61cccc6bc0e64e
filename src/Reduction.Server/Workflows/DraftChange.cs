using System.Globalization;
using Reduction.Domain.Calendar;

namespace Reduction.Server.Workflows;

/// <summary>Who changed a draft and when, as the refusals and warnings say it.</summary>
public static class DraftChange
{
    /// <summary>"drill-sysadmin 于 2026年12月2日 15:04:05（北京时间）"; the server's own publishing reads as such.</summary>
    public static string Describe(string? changedBy, DateTimeOffset changedAt)
    {
        var who = string.IsNullOrEmpty(changedBy) || changedBy == "system" ? "系统（发布流程文件）" : changedBy;
        var when = BeijingTime.ToBeijing(changedAt).ToString("yyyy年M月d日 HH:mm:ss", CultureInfo.InvariantCulture);
        return $"{who} 于 {when}（北京时间）";
    }
}
