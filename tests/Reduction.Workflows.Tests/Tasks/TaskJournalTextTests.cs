using System.Text.RegularExpressions;
using Reduction.Workflows.Tests.Support;

namespace Reduction.Workflows.Tests.Tasks;

/// <summary>Journal texts are read by administrators: parties and roles by their Chinese names on the day, codes only
/// in the entries' data.</summary>
public partial class TaskJournalTextTests
{
    private const string Definition = """
        {
          "id": "journal-texts", "name": "日志文字", "variables": [{ "name": "year", "default": 2019 }],
          "activities": [
            { "id": "start", "type": "Start" },
            { "id": "plan", "type": "IssueTask", "inputs": {
                "taskKind": "annual-plan", "title": "{{ year }}年度减排计划（{{ assignee_name }}）",
                "assignees": "['lhasa', 'shigatse', 'nyingchi']", "due": "day:03-15",
                "reminders": [ { "offset": "days:-1" } ],
                "escalation": [
                  { "after": "days:+0", "recipientRoles": ["epb"], "template": "overdue", "includeAssignee": true },
                  { "after": "workdays:+3", "recipientRoles": ["supervision", "agriculture"], "template": "escalation" } ] } }
          ],
          "connections": [ { "from": "start", "outcome": "done", "to": "plan" } ]
        }
        """;

    [Fact]
    public async Task Journal_TasksEscalationsAndNotices_NamePartiesAndRolesInChineseAsOnThatDay()
    {
        await using var host = await VirtualWorkflowHost.CreateAsync("2019-03-01T09:00");
        await host.PublishJsonAsync(Definition);
        var started = await host.Runtime.StartAsync("journal-texts");
        var tasks = await host.TasksAsync(started.InstanceId);
        await host.Tasks.CompleteAsync(tasks.Single(t => t.AssigneePartyId == "lhasa").Id, VirtualWorkflowHost.Json("""{"summary":"按要求报送"}"""), "lhasa");
        await host.Tasks.ReassignAsync(tasks.Single(t => t.AssigneePartyId == "shigatse").Id, "nyingchi", "管理员");
        await host.RunUntilAsync("2019-03-25T12:00");

        var texts = (await host.JournalAsync(started.InstanceId))
            .Where(j => j.Event is "task-issued" or "task-submitted" or "task-reassigned" or "task-overdue" or "reminder" or "escalation" or "notice-queued")
            .Select(j => j.Message)
            .ToList();

        Assert.Contains(texts, t => t.Contains("已由拉萨市提交", StringComparison.Ordinal));
        Assert.Contains(texts, t => t.Contains("由日喀则市转办给林芝市", StringComparison.Ordinal));

        // 2019: the bodies renamed in 2018 go by their new names.
        Assert.Contains(texts, t => t.Contains("通知西藏自治区监察委员会、西藏自治区农业农村厅", StringComparison.Ordinal));
        Assert.Contains(texts, t => t.Contains("通知西藏自治区生态环境厅、林芝市", StringComparison.Ordinal));
        Assert.Contains(texts, t => t.StartsWith("通知已排队", StringComparison.Ordinal) && t.Contains("致西藏自治区监察委员会", StringComparison.Ordinal));
        Assert.DoesNotContain(texts, t => t.Contains("监察厅", StringComparison.Ordinal) || t.Contains("环境保护厅", StringComparison.Ordinal) || t.Contains("农牧厅", StringComparison.Ordinal));
        Assert.All(texts, t => Assert.False(AsciiWord().IsMatch(t), $"English code in a journal text: {t}"));
    }

    // A code such as `supervision` or `overdue`; the ISO deadline (2019-03-15T23:59:59+08:00) has no such word.
    [GeneratedRegex("[A-Za-z]{3,}", RegexOptions.CultureInvariant)]
    private static partial Regex AsciiWord();
}
