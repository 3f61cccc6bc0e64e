using System.Text.Json.Nodes;

namespace Reduction.Testing;

/// <summary>Workflow definitions of any size for the designer's tests and benchmark: a chain Start → N−2
/// SetVariable → End, without positions (the designer lays it out).</summary>
public static class GeneratedDefinitions
{
    public static JsonObject Chain(string id, int count)
    {
        var activities = new JsonArray { new JsonObject { ["id"] = "start", ["type"] = "Start" } };
        var connections = new JsonArray();
        var previous = "start";
        for (var i = 1; i < count - 1; i++)
        {
            var step = $"step{i}";
            activities.Add(new JsonObject { ["id"] = step, ["type"] = "SetVariable", ["inputs"] = new JsonObject { ["name"] = "counter", ["value"] = i } });
            connections.Add(new JsonObject { ["from"] = previous, ["outcome"] = "done", ["to"] = step });
            previous = step;
        }

        activities.Add(new JsonObject { ["id"] = "end", ["type"] = "End" });
        connections.Add(new JsonObject { ["from"] = previous, ["outcome"] = "done", ["to"] = "end" });
        return new JsonObject
        {
            ["id"] = id,
            ["name"] = $"生成的 {count} 个活动的流程",
            ["variables"] = new JsonArray { new JsonObject { ["name"] = "counter", ["type"] = "number" } },
            ["activities"] = activities,
            ["connections"] = connections,
        };
    }
}
