namespace Reduction.Notifications.Tests.Support;

/// <summary>Workflow definitions the delivery tests run.</summary>
internal static class Definitions
{
    /// <summary>Lhasa's 2015 plan, due 15 March: two reminders, an overdue notice to the party (copied to the EPB),
    /// then escalations to supervision and the government; a receipt copied to the EPB and DRC.</summary>
    public const string AnnualPlan = """
        {
          "id": "plan-notices",
          "name": "年度计划（通知测试）",
          "variables": [{ "name": "year", "type": "number", "default": 2015 }, { "name": "prefecture", "type": "string", "default": "lhasa" }],
          "triggers": [{ "kind": "manual" }],
          "activities": [
            { "id": "start", "type": "Start" },
            { "id": "plan", "type": "IssueTask", "inputs": {
                "taskKind": "annual-plan",
                "title": "{{ year }}年度主要污染物总量减排计划（{{ assignee_name }}）",
                "assignees": "[prefecture]",
                "due": "day:03-15",
                "reminders": [ { "offset": "workdays:-3" }, { "offset": "days:-1" } ],
                "escalation": [
                  { "after": "days:+0", "recipientRoles": ["epb"], "template": "overdue", "includeAssignee": true },
                  { "after": "workdays:+3", "recipientRoles": ["supervision"] },
                  { "after": "workdays:+5", "recipientRoles": ["government"] }
                ],
                "receiptCopyRoles": ["epb", "drc"] } },
            { "id": "end", "type": "End" }
          ],
          "connections": [
            { "from": "start", "outcome": "done", "to": "plan" },
            { "from": "plan", "outcome": "submitted", "to": "end" }
          ]
        }
        """;

    /// <summary>The 2015 plan for every prefecture at once: seven task-issued notices in one burst.</summary>
    public const string AllPrefectures = """
        {
          "id": "plan-fan-out",
          "name": "年度计划（全部地市）",
          "variables": [{ "name": "year", "type": "number", "default": 2015 }],
          "triggers": [{ "kind": "manual" }],
          "activities": [
            { "id": "start", "type": "Start" },
            { "id": "plan", "type": "IssueTask", "inputs": {
                "taskKind": "annual-plan",
                "title": "{{ year }}年度主要污染物总量减排计划（{{ assignee_name }}）",
                "assignees": "prefectures_on \"2015-02-16\"",
                "due": "day:03-15" } },
            { "id": "end", "type": "End" }
          ],
          "connections": [
            { "from": "start", "outcome": "done", "to": "plan" },
            { "from": "plan", "outcome": "submitted", "to": "end" }
          ]
        }
        """;
}
