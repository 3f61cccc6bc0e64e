using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Reduction.Domain.Parties;

namespace Reduction.Workflows.Simulation;

/// <summary>The parties' behaviour in a simulated year (contract in docs/simulate.md). Anything not listed
/// answers one working day after its task is issued; a prefecture not listed has a passing case.</summary>
public sealed class SimulationScenario
{
    private static readonly Dictionary<string, string> PrefectureKeys = new(StringComparer.Ordinal)
    {
        ["plan"] = "annual-plan",
        ["data"] = "assessment-data",
    };

    private static readonly Dictionary<string, string> DepartmentKeys = new(StringComparer.Ordinal)
    {
        ["review"] = "department-review",
        ["data"] = "department-data",
        ["planReview"] = "plan-review",
        ["selfCheck"] = "self-check",
        ["measures"] = "supervision-measures",
        ["reVerification"] = "re-verification",
        ["approval"] = "government-approval",
    };

    private readonly Dictionary<(string PartyId, string TaskKind), TaskBehaviour> _behaviours = [];

    public static SimulationScenario Empty { get; } = new();

    /// <summary>Parses a scenario; every problem is reported with its JSON path (zh-CN and English).</summary>
    public static SimulationScenario Parse(string json, PartyDirectory parties)
    {
        JsonObject root;
        try
        {
            root = JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true }) as JsonObject
                ?? throw new SimulationScenarioException("$", "场景应为 JSON 对象", "the scenario must be a JSON object");
        }
        catch (JsonException e)
        {
            throw new SimulationScenarioException("$", $"不是有效的 JSON：{e.Message}", $"not valid JSON: {e.Message}");
        }

        var scenario = new SimulationScenario();
        foreach (var (key, value) in root)
        {
            switch (key)
            {
                case "prefectures":
                    foreach (var (name, tasks) in Object(value, "$.prefectures"))
                    {
                        var party = parties.FindByName(name);
                        if (party is null || party.Role != PartyRole.Prefecture)
                        {
                            throw new SimulationScenarioException($"$.prefectures.{name}", $"未知地市“{name}”", $"unknown prefecture '{name}'");
                        }

                        scenario.AddTasks(party.Id, Object(tasks, $"$.prefectures.{name}"), PrefectureKeys, $"$.prefectures.{name}");
                    }

                    break;
                case "departments":
                    foreach (var (role, tasks) in Object(value, "$.departments"))
                    {
                        if (!PartyRoles.TryParse(role, out var parsed) || parsed == PartyRole.Prefecture)
                        {
                            throw new SimulationScenarioException($"$.departments.{role}", $"未知部门角色“{role}”", $"unknown department role '{role}'");
                        }

                        scenario.AddTasks(parties.WithRole(parsed)[0].Id, Object(tasks, $"$.departments.{role}"), DepartmentKeys, $"$.departments.{role}");
                    }

                    break;
                case "government":
                    scenario.AddTasks(parties.WithRole(PartyRole.Government)[0].Id, Object(value, "$.government"), DepartmentKeys, "$.government");
                    break;
                case "note" or "description" or "$schema":
                    break;
                default:
                    throw new SimulationScenarioException($"$.{key}", $"未知字段“{key}”（可用 prefectures、departments、government）", $"unknown field '{key}' (expected prefectures, departments, government)");
            }
        }

        return scenario;
    }

    /// <summary>The behaviour for a task of <paramref name="taskKind"/> assigned to <paramref name="partyId"/>.</summary>
    public TaskBehaviour For(string partyId, string taskKind) =>
        _behaviours.TryGetValue((partyId, taskKind), out var behaviour) ? behaviour : TaskBehaviour.Default;

    private void AddTasks(string partyId, JsonObject tasks, Dictionary<string, string> keys, string path)
    {
        foreach (var (key, value) in tasks)
        {
            if (!keys.TryGetValue(key, out var kind))
            {
                throw new SimulationScenarioException($"{path}.{key}", $"未知任务“{key}”（可用 {string.Join("、", keys.Keys)}）", $"unknown task '{key}' (expected {string.Join(", ", keys.Keys)})");
            }

            var spec = Object(value, $"{path}.{key}");
            DateTimeOffset? submitAt = null;
            var never = false;
            if (spec.TryGetPropertyValue("submitAt", out var at))
            {
                if (at is null)
                {
                    never = true;
                }
                else if (at is JsonValue v && v.TryGetValue<string>(out var text)
                    && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
                {
                    submitAt = parsed;
                }
                else
                {
                    throw new SimulationScenarioException($"{path}.{key}.submitAt", "应为带时区的 ISO 8601 时刻或 null", "must be an ISO 8601 instant with offset, or null");
                }
            }

            var data = new JsonObject();
            foreach (var (field, fieldValue) in spec)
            {
                if (field != "submitAt")
                {
                    data[field] = fieldValue?.DeepClone();
                }
            }

            _behaviours[(partyId, kind)] = new TaskBehaviour(submitAt, never, data);
        }
    }

    private static JsonObject Object(JsonNode? node, string path) =>
        node as JsonObject ?? throw new SimulationScenarioException(path, "应为对象", "must be an object");
}
