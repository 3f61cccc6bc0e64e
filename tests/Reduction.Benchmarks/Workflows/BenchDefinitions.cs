using System.Text.Json.Nodes;
using Reduction.Benchmarks.Support;
using Reduction.Workflows.Definitions;

namespace Reduction.Benchmarks.Workflows;

/// <summary>The definitions the benchmarks run. The ten-activity shape is Start, seven SetVariable (expressions and
/// fixed values), one waiting activity, End.</summary>
internal static class BenchDefinitions
{
    public const string BurstId = "bench-burst";
    public const string WaitId = "bench-wait";
    public const string TimerId = "bench-timer";
    public const string TaskId = "bench-task";

    /// <summary>The signal the waiting instances of <see cref="Wait"/> wait for, correlated by their `key` variable.</summary>
    public const string Signal = "bench";

    /// <summary>Inline activities run by one start burst of the ten-activity shape: Start, 7 SetVariable, and the waiting one.</summary>
    public const int ActivitiesPerStartBurst = 9;

    /// <summary>Ten activities, waiting on a one-second timer (Delay PT1S).</summary>
    public static WorkflowDefinition Burst() =>
        TenActivities(BurstId, "基准：十个活动与一个定时器", new JsonObject { ["id"] = "wait", ["type"] = "Delay", ["inputs"] = new JsonObject { ["duration"] = "PT1S" } }, version: null);

    /// <summary>Ten activities, waiting for signal <see cref="Signal"/> with correlation `{{ key }}`; <paramref name="version"/>
    /// changes a default value so every published version differs.</summary>
    public static WorkflowDefinition Wait(int version) =>
        TenActivities(WaitId, "基准：十个活动与一个信号等待", new JsonObject
        {
            ["id"] = "wait",
            ["type"] = "WaitForSignal",
            ["inputs"] = new JsonObject { ["signal"] = Signal, ["correlation"] = "{{ key }}", ["outputVariable"] = "answer" },
        }, version);

    /// <summary>Start, wait until the instant in variable `due_at`, End.</summary>
    public static WorkflowDefinition Timer() => Build(new JsonObject
    {
        ["id"] = TimerId,
        ["name"] = "基准：等待至指定时刻",
        ["triggers"] = new JsonArray(new JsonObject { ["kind"] = "manual" }),
        ["variables"] = new JsonArray(Variable("due_at", "instant")),
        ["activities"] = new JsonArray(
            new JsonObject { ["id"] = "start", ["type"] = "Start" },
            new JsonObject { ["id"] = "wait", ["type"] = "WaitUntil", ["inputs"] = new JsonObject { ["instant"] = "due_at" } },
            new JsonObject { ["id"] = "end", ["type"] = "End" }),
        ["connections"] = Chain("start", "wait", "end"),
    });

    /// <summary>Start, one task for Lhasa due 31 December of `year` (issue notice, receipt notice, due timer), End.</summary>
    public static WorkflowDefinition Task() => Build(new JsonObject
    {
        ["id"] = TaskId,
        ["name"] = "基准：下达并完成一项任务",
        ["triggers"] = new JsonArray(new JsonObject { ["kind"] = "manual" }),
        ["variables"] = new JsonArray(Variable("year", "number"), Variable("key", "string"), Variable("answers", "object")),
        ["activities"] = new JsonArray(
            new JsonObject { ["id"] = "start", ["type"] = "Start" },
            new JsonObject
            {
                ["id"] = "task",
                ["type"] = "IssueTask",
                ["inputs"] = new JsonObject
                {
                    ["taskKind"] = "assessment-data",
                    ["title"] = "{{ year }}年度基准任务 {{ key }}（{{ assignee_name }}）",
                    ["assignees"] = $"[\"{BenchParties.Prefecture}\"]",
                    ["due"] = "day:12-31",
                    ["outputVariable"] = "answers",
                },
            },
            new JsonObject { ["id"] = "end", ["type"] = "End" }),
        ["connections"] = new JsonArray(
            Connection("start", "done", "task"),
            Connection("task", "submitted", "end"),
            Connection("task", "cancelled", "end")),
    });

    private static WorkflowDefinition TenActivities(string id, string name, JsonObject waiting, int? version)
    {
        var variables = new JsonArray(Variable("key", "string"), Variable("answer", "object"));
        if (version is { } v)
        {
            variables.Add(new JsonObject { ["name"] = "version", ["type"] = "number", ["default"] = v });
        }

        string[] types = ["number", "number", "object", "number", "array", "boolean", "string"];
        for (var i = 1; i <= types.Length; i++)
        {
            variables.Add(Variable($"v{i}", types[i - 1]));
        }

        JsonObject Set(int i, string name, JsonNode input, bool expression) => new()
        {
            ["id"] = $"set{i}",
            ["type"] = "SetVariable",
            ["inputs"] = new JsonObject { ["name"] = name, [expression ? "expression" : "value"] = input },
        };

        return Build(new JsonObject
        {
            ["id"] = id,
            ["name"] = name,
            ["triggers"] = new JsonArray(new JsonObject { ["kind"] = "manual" }),
            ["variables"] = variables,
            ["activities"] = new JsonArray(
                new JsonObject { ["id"] = "start", ["type"] = "Start" },
                Set(1, "v1", "1 + 2", expression: true),
                Set(2, "v2", "v1 * 10", expression: true),
                Set(3, "v3", new JsonObject { ["region"] = "西藏", ["unit"] = "t" }, expression: false),
                Set(4, "v4", "v2 + v1", expression: true),
                Set(5, "v5", new JsonArray(1, 2, 3), expression: false),
                Set(6, "v6", "v4 > 30", expression: true),
                Set(7, "v7", "已完成", expression: false),
                waiting,
                new JsonObject { ["id"] = "end", ["type"] = "End" }),
            ["connections"] = Chain("start", "set1", "set2", "set3", "set4", "set5", "set6", "set7", "wait", "end"),
        });
    }

    private static JsonObject Variable(string name, string type) => new() { ["name"] = name, ["type"] = type };

    private static JsonObject Connection(string from, string outcome, string to) => new() { ["from"] = from, ["outcome"] = outcome, ["to"] = to };

    private static JsonArray Chain(params string[] ids)
    {
        var connections = new JsonArray();
        for (var i = 0; i + 1 < ids.Length; i++)
        {
            connections.Add(Connection(ids[i], "done", ids[i + 1]));
        }

        return connections;
    }

    private static WorkflowDefinition Build(JsonObject json) => DefinitionJson.Parse(json.ToJsonString(), json["id"]!.GetValue<string>());
}
