namespace Reduction.Server.Tests.Support;

/// <summary>Workflow definitions the resilience tests run: second-scale timers (Delay, WaitUntil), a child
/// workflow (outbox effects), notices and a human task answered through the API, with an escalation that fires at
/// once when the task's due date lies in the past. Their notices use real templates with complete models, so
/// delivery (to the pickup folder) succeeds.</summary>
internal static class Drills
{
    /// <summary>Notice → 3 s delay → wait until `wake_at` → child (1 s delay, notice) → task for `party`, due on
    /// `anchor` (escalated at once when that is past) → 2 s delay → notice → end.</summary>
    public const string Crash = """
        {
          "id": "crash-drill",
          "name": "崩溃演练",
          "variables": [
            { "name": "year", "type": "number", "default": 2026 },
            { "name": "party", "type": "string", "default": "lhasa" },
            { "name": "anchor", "type": "string" },
            { "name": "wake_at", "type": "string" },
            { "name": "answers", "type": "object" }
          ],
          "triggers": [{ "kind": "manual" }],
          "activities": [
            { "id": "start", "type": "Start" },
            { "id": "hello", "type": "SendNotice", "inputs": { "template": "result", "model": { "prefecture": "lhasa", "prefecture_name": "拉萨市", "year": 2015, "assessed_year": 2014, "verdict": "pass", "findings": [] }, "recipientRoles": ["drc"], "recipientParties": ["lhasa"] } },
            { "id": "pause", "type": "Delay", "inputs": { "duration": "PT3S" } },
            { "id": "until", "type": "WaitUntil", "inputs": { "instant": "wake_at" } },
            { "id": "child", "type": "RunWorkflow", "inputs": { "workflow": "crash-drill-child" } },
            {
              "id": "task",
              "type": "IssueTask",
              "inputs": {
                "taskKind": "self-check",
                "title": "演练任务（{{ assignee_name }}）",
                "assignees": "[party]",
                "due": "days:+0",
                "anchor": "anchor",
                "escalation": [{ "after": "days:+0", "recipientRoles": ["epb"], "template": "overdue", "includeAssignee": true }],
                "outputVariable": "answers"
              }
            },
            { "id": "cool", "type": "Delay", "inputs": { "duration": "PT2S" } },
            { "id": "bye", "type": "SendNotice", "inputs": { "template": "result", "model": { "prefecture": "lhasa", "prefecture_name": "拉萨市", "year": 2015, "assessed_year": 2014, "verdict": "pass", "findings": [] }, "recipientRoles": ["drc"], "recipientParties": ["lhasa"] } },
            { "id": "end", "type": "End" }
          ],
          "connections": [
            { "from": "start", "outcome": "done", "to": "hello" },
            { "from": "hello", "outcome": "done", "to": "pause" },
            { "from": "pause", "outcome": "done", "to": "until" },
            { "from": "until", "outcome": "done", "to": "child" },
            { "from": "child", "outcome": "done", "to": "task" },
            { "from": "task", "outcome": "submitted", "to": "cool" },
            { "from": "cool", "outcome": "done", "to": "bye" },
            { "from": "bye", "outcome": "done", "to": "end" }
          ]
        }
        """;

    public const string CrashChild = """
        {
          "id": "crash-drill-child",
          "name": "崩溃演练子流程",
          "triggers": [{ "kind": "manual" }],
          "activities": [
            { "id": "start", "type": "Start" },
            { "id": "nap", "type": "Delay", "inputs": { "duration": "PT1S" } },
            { "id": "note", "type": "SendNotice", "inputs": { "template": "result", "model": { "prefecture": "lhasa", "prefecture_name": "拉萨市", "year": 2015, "assessed_year": 2014, "verdict": "pass", "findings": [] }, "recipientRoles": ["drc"], "recipientParties": ["lhasa"] } },
            { "id": "end", "type": "End" }
          ],
          "connections": [
            { "from": "start", "outcome": "done", "to": "nap" },
            { "from": "nap", "outcome": "done", "to": "note" },
            { "from": "note", "outcome": "done", "to": "end" }
          ]
        }
        """;

    /// <summary>One task per party in `parties` (all must answer), then a notice.</summary>
    public const string Answer = """
        {
          "id": "answer-drill",
          "name": "并发提交演练",
          "variables": [
            { "name": "year", "type": "number", "default": 2026 },
            { "name": "parties", "type": "array" },
            { "name": "answers", "type": "object" }
          ],
          "triggers": [{ "kind": "manual" }],
          "activities": [
            { "id": "start", "type": "Start" },
            {
              "id": "task",
              "type": "IssueTask",
              "inputs": {
                "taskKind": "self-check",
                "title": "并发演练（{{ assignee_name }}）",
                "assignees": "parties",
                "due": "days:+1",
                "anchor": "today",
                "outputVariable": "answers"
              }
            },
            { "id": "done", "type": "SendNotice", "inputs": { "template": "result", "model": { "prefecture": "lhasa", "prefecture_name": "拉萨市", "year": 2015, "assessed_year": 2014, "verdict": "pass", "findings": [] }, "recipientRoles": ["drc"], "recipientParties": ["lhasa"] } },
            { "id": "end", "type": "End" }
          ],
          "connections": [
            { "from": "start", "outcome": "done", "to": "task" },
            { "from": "task", "outcome": "submitted", "to": "done" },
            { "from": "done", "outcome": "done", "to": "end" }
          ]
        }
        """;

    /// <summary>2 s delay → child → 1 s delay → notice: timers and effects only, for servers sharing a database.</summary>
    public const string Relay = """
        {
          "id": "relay-drill",
          "name": "接力演练",
          "triggers": [{ "kind": "manual" }],
          "activities": [
            { "id": "start", "type": "Start" },
            { "id": "first", "type": "Delay", "inputs": { "duration": "PT2S" } },
            { "id": "child", "type": "RunWorkflow", "inputs": { "workflow": "crash-drill-child" } },
            { "id": "second", "type": "Delay", "inputs": { "duration": "PT1S" } },
            { "id": "note", "type": "SendNotice", "inputs": { "template": "result", "model": { "prefecture": "lhasa", "prefecture_name": "拉萨市", "year": 2015, "assessed_year": 2014, "verdict": "pass", "findings": [] }, "recipientRoles": ["drc"], "recipientParties": ["lhasa"] } },
            { "id": "end", "type": "End" }
          ],
          "connections": [
            { "from": "start", "outcome": "done", "to": "first" },
            { "from": "first", "outcome": "done", "to": "child" },
            { "from": "child", "outcome": "done", "to": "second" },
            { "from": "second", "outcome": "done", "to": "note" },
            { "from": "note", "outcome": "done", "to": "end" }
          ]
        }
        """;

    /// <summary>Waits for the `release-drill` signal, then records which version it ran (`marker`).</summary>
    public static string Republish(string marker) => $$"""
        {
          "id": "republish-drill",
          "name": "重新发布演练 {{marker}}",
          "variables": [{ "name": "marker", "type": "string" }],
          "triggers": [{ "kind": "manual" }],
          "activities": [
            { "id": "start", "type": "Start" },
            { "id": "wait", "type": "WaitForSignal", "inputs": { "signal": "release-drill" } },
            { "id": "mark", "type": "SetVariable", "inputs": { "name": "marker", "value": "{{marker}}" } },
            { "id": "end", "type": "End" }
          ],
          "connections": [
            { "from": "start", "outcome": "done", "to": "wait" },
            { "from": "wait", "outcome": "done", "to": "mark" },
            { "from": "mark", "outcome": "done", "to": "end" }
          ]
        }
        """;

    /// <summary>A "yearly" kick-off whose cron fires every minute: its correlation key is per year, so however often
    /// it fires, across versions and restarts, a year gets one instance.</summary>
    public static string Kickoff(string cron, string name) => $$$"""
        {
          "id": "kickoff-drill",
          "name": "{{{name}}}",
          "variables": [{ "name": "year", "type": "number" }],
          "triggers": [
            { "kind": "cron", "cron": "{{{cron}}}", "correlationKey": "kickoff-drill:{{ trigger.year }}", "input": { "year": "{{ trigger.year }}" } }
          ],
          "activities": [
            { "id": "start", "type": "Start" },
            { "id": "end", "type": "End" }
          ],
          "connections": [{ "from": "start", "outcome": "done", "to": "end" }]
        }
        """;
}
