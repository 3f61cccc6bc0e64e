namespace Reduction.Server.Tests.Answers;

/// <summary>Small workflows whose tasks the page tests answer; the shipped `annual-plan` and `assessment-data` run
/// beside them.</summary>
internal static class AnswerDefinitions
{
    /// <summary>The task kinds with a form of their own, and one (`self-check`) that gets the written report.</summary>
    public static IReadOnlyList<string> FormKinds { get; } =
        ["annual-plan", "assessment-data", "department-review", "plan-review", "government-approval", "re-verification", "self-check"];

    public static string AnyKindId(string kind) => $"page-kind-{kind}";

    /// <summary>What users read of a task kind (the outbox and the pages show titles and names, in Chinese only).</summary>
    internal static string Label(string kind) => kind switch
    {
        "annual-plan" => "年度计划",
        "assessment-data" => "考核数据",
        "department-review" => "部门复核",
        "plan-review" => "计划审核",
        "government-approval" => "政府审定",
        "re-verification" => "整改复核",
        _ => "书面报告",
    };

    /// <summary>A task of <paramref name="kind"/> for Lhasa and Shigatse (all must answer, so each can revise until the
    /// other has answered), due on 20 April of the cycle year (long past: submissions are late).</summary>
    public static string AnyKind(string kind) => $$"""
        {
          "id": "{{AnyKindId(kind)}}",
          "name": "任务页面（{{Label(kind)}}）",
          "variables": [
            { "name": "year", "type": "number", "default": 2015 },
            { "name": "item", "type": "object" },
            { "name": "plan", "type": "object" },
            { "name": "results", "type": "array" }
          ],
          "triggers": [{ "kind": "manual" }],
          "activities": [
            { "id": "start", "type": "Start" },
            { "id": "task", "type": "IssueTask", "inputs": {
                "taskKind": "{{kind}}",
                "title": "{{Label(kind)}}页面测试",
                "assignees": "['lhasa', 'shigatse']",
                "mode": "all",
                "due": "day:04-20",
                "receiptTemplate": "",
                "outputVariable": "answers" } },
            { "id": "end", "type": "End" }
          ],
          "connections": [
            { "from": "start", "outcome": "done", "to": "task" },
            { "from": "task", "outcome": "submitted", "to": "end" }
          ]
        }
        """;

    /// <summary>A countersign review by the EPB and the DRC: the task stays open (revisable) until both answered.</summary>
    public const string Countersign = """
        {
          "id": "page-countersign",
          "name": "会签（页面测试）",
          "variables": [{ "name": "year", "type": "number", "default": 2016 }],
          "triggers": [{ "kind": "manual" }],
          "activities": [
            { "id": "start", "type": "Start" },
            { "id": "review", "type": "IssueTask", "inputs": {
                "taskKind": "department-review",
                "title": "2015年度减排考核结果复核（{{ assignee_name }}）",
                "assignees": "['epb', 'drc']",
                "mode": "all",
                "due": "day:04-20",
                "receiptTemplate": "",
                "outputVariable": "reviews" } },
            { "id": "end", "type": "End" }
          ],
          "connections": [
            { "from": "start", "outcome": "done", "to": "review" },
            { "from": "review", "outcome": "submitted", "to": "end" }
          ]
        }
        """;

    /// <summary>The shipped `assessment-data` without its escalation steps, so the long-past due date does not hand the
    /// task to the EPB while a test answers it: the submission becomes the `case` variable.</summary>
    public const string Data = """
        {
          "id": "page-data",
          "name": "考核数据（页面测试）",
          "variables": [{ "name": "year", "type": "number" }, { "name": "item", "type": "object" }],
          "triggers": [{ "kind": "manual" }],
          "activities": [
            { "id": "start", "type": "Start" },
            { "id": "data", "type": "IssueTask", "inputs": {
                "taskKind": "assessment-data",
                "title": "{{ year - 1 }}年度主要污染物总量减排考核数据（{{ item.name }}）",
                "assignees": "[item.id]",
                "due": "day:03-31",
                "receiptCopyRoles": ["epb"],
                "outputVariable": "submission" } },
            { "id": "case", "type": "SetVariable", "inputs": { "name": "case", "expression": "submission[item.id]" } },
            { "id": "end", "type": "End" }
          ],
          "connections": [
            { "from": "start", "outcome": "done", "to": "data" },
            { "from": "data", "outcome": "submitted", "to": "case" },
            { "from": "case", "outcome": "done", "to": "end" }
          ]
        }
        """;

    /// <summary>Stands in for the shipped cycle behind `POST /api/cycles/{year}/start`: waits for a signal, nothing else.</summary>
    public const string CycleStub = """
        {
          "id": "annual-cycle",
          "name": "考核周期（测试替身）",
          "variables": [{ "name": "year", "type": "number" }],
          "triggers": [{ "kind": "manual" }],
          "activities": [
            { "id": "start", "type": "Start" },
            { "id": "wait", "type": "WaitForSignal", "inputs": { "signal": "never" } },
            { "id": "end", "type": "End" }
          ],
          "connections": [
            { "from": "start", "outcome": "done", "to": "wait" },
            { "from": "wait", "outcome": "done", "to": "end" }
          ]
        }
        """;
}
