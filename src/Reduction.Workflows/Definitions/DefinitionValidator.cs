using System.Text.Json;
using Cronos;
using Reduction.Workflows.Activities;
using Reduction.Workflows.Activities.Flow;

namespace Reduction.Workflows.Definitions;

/// <summary>Checks a definition against the activity registry before it can be published: ids, types, inputs,
/// connections, start and reachability, cycles that never wait, deadlines, triggers and variables.
/// Errors block publishing; warnings (<see cref="ValidationMessage.IsError"/> false) only inform.</summary>
public sealed class DefinitionValidator(ActivityRegistry registry)
{
    /// <summary>The trigger kinds the runtime knows.</summary>
    public static IReadOnlyList<string> TriggerKinds { get; } = ["cron", "manual", "signal"];

    /// <summary>The variable types a definition may declare.</summary>
    public static IReadOnlyList<string> VariableTypes { get; } = ["string", "number", "boolean", "object", "array", "instant", "date"];

    /// <summary>Every finding, in the order of the definition: header, variables, triggers, activities, connections, graph.</summary>
    public IReadOnlyList<ValidationMessage> Validate(WorkflowDefinition definition, string file)
    {
        var report = new ValidationCollector(file);
        CheckHeader(report, definition);
        CheckVariables(report, definition.Variables ?? []);
        CheckTriggers(report, definition.Triggers ?? []);
        var nodes = CheckActivities(report, definition.Activities ?? []);
        var edges = CheckConnections(report, definition.Connections ?? [], nodes);
        CheckGraph(report, nodes, edges);
        return report.Messages;
    }

    /// <summary>Reads and validates a definition file; a file that is not a definition at all gives one message.</summary>
    /// <exception cref="IOException">The file cannot be read.</exception>
    /// <exception cref="UnauthorizedAccessException">The file may not be read.</exception>
    public IReadOnlyList<ValidationMessage> ValidateFile(string path)
    {
        var json = File.ReadAllText(path);
        WorkflowDefinition definition;
        try
        {
            definition = DefinitionJson.Parse(json, path);
        }
        catch (DefinitionFormatException e)
        {
            var prefix = path + ": ";
            var message = e.Message.StartsWith(prefix, StringComparison.Ordinal) ? e.Message[prefix.Length..] : e.Message;
            return [new ValidationMessage(path, null, null, message)];
        }

        return Validate(definition, path);
    }

    private static void CheckHeader(ValidationCollector report, WorkflowDefinition definition)
    {
        if (string.IsNullOrWhiteSpace(definition.Id))
        {
            report.Error(null, "id", "流程标识为空", "the workflow id is empty");
        }

        if (string.IsNullOrWhiteSpace(definition.Name))
        {
            report.Error(null, "name", "流程名称为空", "the workflow name is empty");
        }
    }

    private static void CheckVariables(ValidationCollector report, List<VariableDefinition> variables)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < variables.Count; i++)
        {
            var variable = variables[i];
            var at = ActivityInputChecks.Indexed("variables", i);
            if (variable is null || string.IsNullOrWhiteSpace(variable.Name))
            {
                report.Error(null, $"{at}.name", "变量名为空", "the variable name is empty");
                continue;
            }

            if (!names.Add(variable.Name))
            {
                report.Error(null, $"{at}.name", $"变量名“{variable.Name}”重复", $"variable '{variable.Name}' is declared twice");
            }

            if (!VariableTypes.Contains(variable.Type, StringComparer.Ordinal))
            {
                report.Warning(
                    null,
                    $"{at}.type",
                    $"变量“{variable.Name}”的类型“{variable.Type}”未知，可用：{string.Join("、", VariableTypes)}",
                    $"variable '{variable.Name}' has unknown type '{variable.Type}'; known: {string.Join(", ", VariableTypes)}");
            }
            else if (variable.Default is { } value && !DefaultFits(variable.Type, value.ValueKind))
            {
                report.Warning(
                    null,
                    $"{at}.default",
                    $"变量“{variable.Name}”的默认值不是 {variable.Type}",
                    $"the default of variable '{variable.Name}' is not a {variable.Type}");
            }
        }
    }

    private static bool DefaultFits(string type, JsonValueKind kind) => kind == JsonValueKind.Null || type switch
    {
        "string" or "instant" or "date" => kind == JsonValueKind.String,
        "number" => kind == JsonValueKind.Number,
        "boolean" => kind is JsonValueKind.True or JsonValueKind.False,
        "object" => kind == JsonValueKind.Object,
        "array" => kind == JsonValueKind.Array,
        _ => true,
    };

    private static void CheckTriggers(ValidationCollector report, List<TriggerDefinition> triggers)
    {
        for (var i = 0; i < triggers.Count; i++)
        {
            var trigger = triggers[i];
            var at = ActivityInputChecks.Indexed("triggers", i);
            if (trigger is null)
            {
                report.Error(null, at, "触发器为空", "the trigger is null");
                continue;
            }

            switch (trigger.Kind)
            {
                case "cron":
                    CheckCron(report, at, trigger.Cron);
                    break;
                case "signal":
                    if (string.IsNullOrWhiteSpace(trigger.Signal))
                    {
                        report.Error(null, $"{at}.signal", "信号触发器缺少信号名 signal", "a signal trigger needs a signal name");
                    }

                    break;
                case "manual":
                    break;
                default:
                    report.Error(
                        null,
                        $"{at}.kind",
                        $"未知触发方式“{trigger.Kind}”，应为 {string.Join("、", TriggerKinds)}",
                        $"unknown trigger kind '{trigger.Kind}', expected one of: {string.Join(", ", TriggerKinds)}");
                    break;
            }

            if (trigger.Kind != "cron" && trigger.Cron is not null)
            {
                report.Warning(null, $"{at}.cron", $"{trigger.Kind} 触发器不使用 cron", $"a {trigger.Kind} trigger ignores cron");
            }

            if (trigger.Kind != "signal" && trigger.Signal is not null)
            {
                report.Warning(null, $"{at}.signal", $"{trigger.Kind} 触发器不使用 signal", $"a {trigger.Kind} trigger ignores signal");
            }

            if (trigger.TimeZone is { } zone && !TimeZoneInfo.TryFindSystemTimeZoneById(zone, out _))
            {
                report.Error(null, $"{at}.timeZone", $"未知时区“{zone}”（应为 IANA 名称，如 Asia/Shanghai）", $"unknown time zone '{zone}' (expected an IANA name such as Asia/Shanghai)");
            }

            ActivityInputChecks.CheckScript(report, null, $"{at}.correlationKey", trigger.CorrelationKey, scriptOnly: false);
            foreach (var (name, value) in trigger.Input ?? [])
            {
                ActivityInputChecks.CheckTemplatesIn(report, null, $"{at}.input.{name}", value);
            }
        }
    }

    private static void CheckCron(ValidationCollector report, string at, string? cron)
    {
        if (string.IsNullOrWhiteSpace(cron))
        {
            report.Error(null, $"{at}.cron", "定时触发器缺少 cron 表达式", "a cron trigger needs a cron expression");
            return;
        }

        try
        {
            CronExpression.Parse(cron);
        }
        catch (CronFormatException e)
        {
            report.ErrorText(
                null,
                $"{at}.cron",
                $"cron 表达式“{cron}”无法解析（应为五段：分 时 日 月 周） / cron expression '{cron}' does not parse (expected five fields: minute hour day month weekday): {e.Message}");
        }
    }

    /// <summary>Checks every activity and returns those that can be referred to: unique, non-empty ids, in order.</summary>
    private List<ActivityNode> CheckActivities(ValidationCollector report, List<ActivityNode> activities)
    {
        var nodes = new List<ActivityNode>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        if (activities.Count == 0)
        {
            report.Error(null, "activities", "流程没有活动", "the workflow has no activities");
        }

        for (var i = 0; i < activities.Count; i++)
        {
            var node = activities[i];
            var at = ActivityInputChecks.Indexed("activities", i);
            if (node is null)
            {
                report.Error(null, at, "活动为空", "the activity is null");
                continue;
            }

            if (string.IsNullOrWhiteSpace(node.Id))
            {
                report.Error(null, $"{at}.id", "活动标识为空", "the activity id is empty");
                continue;
            }

            if (!ids.Add(node.Id))
            {
                report.Error(node.Id, "id", $"活动标识“{node.Id}”重复", $"activity id '{node.Id}' is used twice");
                continue;
            }

            nodes.Add(node);
            var descriptor = string.IsNullOrWhiteSpace(node.Type) ? null : registry.Find(node.Type);
            if (descriptor is null)
            {
                var known = string.Join(", ", registry.Descriptors.Select(d => d.Type).Order(StringComparer.Ordinal));
                report.ErrorText(node.Id, "type", $"未知活动类型“{node.Type}” / unknown activity type '{node.Type}'; 可用类型 / known types: {known}");
                continue;
            }

            ActivityInputChecks.Check(report, node, descriptor);
        }

        return nodes;
    }

    /// <summary>Checks the connections and returns the edges whose two ends exist (the graph the later checks walk).</summary>
    private List<(string From, string To)> CheckConnections(ValidationCollector report, List<Connection> connections, List<ActivityNode> nodes)
    {
        var byId = nodes.ToDictionary(n => n.Id, StringComparer.Ordinal);
        var seen = new HashSet<Connection>();
        var edges = new List<(string From, string To)>();
        for (var i = 0; i < connections.Count; i++)
        {
            var connection = connections[i];
            var at = ActivityInputChecks.Indexed("connections", i);
            if (connection is null)
            {
                report.Error(null, at, "连接为空", "the connection is null");
                continue;
            }

            var from = connection.From is null ? null : byId.GetValueOrDefault(connection.From);
            var to = connection.To is null ? null : byId.GetValueOrDefault(connection.To);
            var owner = from?.Id;
            if (from is null)
            {
                report.Error(null, $"{at}.from", $"连接的起点“{connection.From}”不存在", $"the connection starts at '{connection.From}', which does not exist");
            }

            if (to is null)
            {
                report.Error(owner, $"{at}.to", $"连接的终点“{connection.To}”不存在", $"the connection leads to '{connection.To}', which does not exist");
            }

            if (string.IsNullOrWhiteSpace(connection.Outcome))
            {
                report.Error(owner, $"{at}.outcome", "连接缺少结果 outcome", "the connection has no outcome");
            }
            else if (from is not null && registry.Find(from.Type) is not null)
            {
                var outcomes = registry.OutcomesOf(from);
                if (!outcomes.Contains(connection.Outcome, StringComparer.Ordinal))
                {
                    var known = outcomes.Count == 0 ? "（无）" : string.Join("、", outcomes);
                    var knownEnglish = outcomes.Count == 0 ? "(none)" : string.Join(", ", outcomes);
                    report.Error(
                        owner,
                        $"{at}.outcome",
                        $"{from.Type} 活动没有结果“{connection.Outcome}”，可用结果：{known}",
                        $"{from.Type} has no outcome '{connection.Outcome}'; its outcomes: {knownEnglish}");
                }
            }

            if (!seen.Add(connection))
            {
                report.Error(owner, at, $"重复连接 {connection.From} -[{connection.Outcome}]-> {connection.To}", $"duplicate connection {connection.From} -[{connection.Outcome}]-> {connection.To}");
            }

            if (from is not null && to is not null)
            {
                edges.Add((from.Id, to.Id));
            }
        }

        return edges;
    }

    private void CheckGraph(ValidationCollector report, List<ActivityNode> nodes, List<(string From, string To)> edges)
    {
        if (nodes.Count == 0)
        {
            return;
        }

        var graph = new FlowGraph(nodes.Select(n => n.Id).ToList(), edges);
        var starts = StartsOf(nodes, edges);
        if (starts.Count == 0)
        {
            report.Error(
                null,
                "activities",
                "流程没有起点：既没有 Start 活动，也没有无入边的活动",
                "the workflow has no start: no Start activity and no activity without inbound connections");
        }
        else
        {
            var reached = graph.ReachableFrom(starts);
            foreach (var node in nodes.Where(n => !reached.Contains(n.Id)))
            {
                report.Error(node.Id, null, $"从起点 {string.Join("、", starts)} 无法到达此活动", $"not reachable from the start ({string.Join(", ", starts)})");
            }
        }

        // Unknown types are already errors; leaving them out avoids a second, guessed complaint about them.
        var types = nodes.ToDictionary(n => n.Id, n => n.Type ?? string.Empty, StringComparer.Ordinal);
        var cycles = graph.Cycles(id => registry.Find(types[id]) is { Waits: false });
        foreach (var cycle in cycles)
        {
            var path = string.Join(" → ", cycle.Append(cycle[0]));
            report.Error(
                cycle[0],
                null,
                $"循环 {path} 上没有等待活动（任务、等待、延时、信号或子流程），会无休止地运行",
                $"the cycle {path} has no waiting activity (task, wait, delay, signal or child workflow) and would run forever");
        }
    }

    /// <summary>Mirrors the runtime: every Start activity, or else the first activity no connection leads to.</summary>
    private static List<string> StartsOf(List<ActivityNode> nodes, List<(string From, string To)> edges)
    {
        var starts = nodes.Where(n => n.Type == nameof(Start)).Select(n => n.Id).ToList();
        if (starts.Count > 0)
        {
            return starts;
        }

        var targets = edges.Select(e => e.To).ToHashSet(StringComparer.Ordinal);
        return nodes.Where(n => !targets.Contains(n.Id)).Select(n => n.Id).Take(1).ToList();
    }
}
