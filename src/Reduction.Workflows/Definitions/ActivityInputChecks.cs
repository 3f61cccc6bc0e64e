using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml;
using Reduction.Domain.Calendar;
using Reduction.Domain.Parties;
using Reduction.Workflows.Activities;
using Reduction.Workflows.Activities.Flow;
using Reduction.Workflows.Activities.Tasks;
using Reduction.Workflows.Activities.Timing;
using Reduction.Workflows.Expressions;

namespace Reduction.Workflows.Definitions;

/// <summary>The validator's checks of one activity's inputs against its descriptor: names, presence, types, and
/// what the UI hint promises (expressions and templates parse, deadline rules and role codes are known).</summary>
internal static partial class ActivityInputChecks
{
    /// <summary>Inputs that give a waiting activity its deadline; at least one of each list must be set.</summary>
    private static readonly Dictionary<string, string[]> DeadlineInputs = new(StringComparer.Ordinal)
    {
        [nameof(IssueTask)] = ["due"],
        [nameof(WaitUntil)] = ["rule", "instant"],
        [nameof(Delay)] = ["duration"],
    };

    private static readonly string[] EscalationActions = ["none", "reassign", "cancel"];

    public static void Check(ValidationCollector report, ActivityNode node, ActivityDescriptor descriptor)
    {
        var id = node.Id;
        var inputs = node.Inputs ?? [];
        var declared = descriptor.Inputs.Select(i => i.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var name in inputs.Keys.Where(k => !declared.Contains(k)).Order(StringComparer.Ordinal))
        {
            var known = descriptor.Inputs.Count == 0 ? "（无）" : string.Join("、", descriptor.Inputs.Select(i => i.Name));
            var knownEnglish = descriptor.Inputs.Count == 0 ? "(none)" : string.Join(", ", descriptor.Inputs.Select(i => i.Name));
            report.Error(id, name, $"{descriptor.Type} 没有输入“{name}”，可用输入：{known}", $"{descriptor.Type} has no input '{name}'; its inputs: {knownEnglish}");
        }

        var deadlineInputs = DeadlineInputs.GetValueOrDefault(descriptor.Type) ?? [];
        var bound = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var input in descriptor.Inputs)
        {
            var present = inputs.TryGetValue(input.Name, out var json) && json.ValueKind is not JsonValueKind.Null and not JsonValueKind.Undefined;
            if (!present)
            {
                if (input.Required && !deadlineInputs.Contains(input.Name))
                {
                    report.Error(id, input.Name, $"缺少必填输入“{input.Name}”（{input.DisplayName}）", $"required input '{input.Name}' is missing");
                }

                continue;
            }

            object? value;
            try
            {
                value = ActivityRegistry.Bind(id, input, json);
            }
            catch (ActivityInputException e)
            {
                report.ErrorText(id, input.Name, $"输入类型不符 / wrong input type: {Detail(e)}");
                continue;
            }

            if (IsBlank(value))
            {
                if (input.Required && !deadlineInputs.Contains(input.Name))
                {
                    report.Error(id, input.Name, $"必填输入“{input.Name}”（{input.DisplayName}）为空", $"required input '{input.Name}' is empty");
                }

                continue;
            }

            bound[input.Name] = value;
            CheckValue(report, id, descriptor, input, value);
        }

        CheckDeadline(report, id, descriptor.Type, bound);
        CheckCounts(report, id, descriptor.Type, bound);
    }

    /// <summary>Reports an expression (<paramref name="scriptOnly"/>) or template that Scriban cannot parse.</summary>
    public static void CheckScript(ValidationCollector report, string? activityId, string property, string? text, bool scriptOnly)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return;
        }

        var errors = ExpressionEvaluator.Shared.Check(text, scriptOnly);
        if (errors.Count > 0)
        {
            var (chinese, english) = scriptOnly ? ("表达式", "expression") : ("模板", "template");
            var detail = string.Join("; ", errors);
            report.Error(activityId, property, $"{chinese}“{text}”无法解析：{detail}", $"{english} '{text}' does not parse: {detail}");
        }
    }

    /// <summary>Checks every string inside a JSON value as a template (notice models, child inputs, trigger inputs).</summary>
    public static void CheckTemplatesIn(ValidationCollector report, string? activityId, string property, JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                CheckScript(report, activityId, property, value.GetString(), scriptOnly: false);
                break;
            case JsonValueKind.Object:
                foreach (var member in value.EnumerateObject())
                {
                    CheckTemplatesIn(report, activityId, $"{property}.{member.Name}", member.Value);
                }

                break;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in value.EnumerateArray())
                {
                    CheckTemplatesIn(report, activityId, Indexed(property, index++), item);
                }

                break;
            default:
                break;
        }
    }

    public static string Indexed(string property, int index) => string.Create(CultureInfo.InvariantCulture, $"{property}[{index}]");

    private static void CheckValue(ValidationCollector report, string id, ActivityDescriptor descriptor, InputDescriptor input, object? value)
    {
        var name = input.Name;
        switch (input.UIHint, value)
        {
            case (InputHints.Expression, string text):
                CheckScript(report, id, name, text, scriptOnly: true);
                break;
            case (InputHints.Template, string text):
                CheckScript(report, id, name, text, scriptOnly: false);
                break;
            case (InputHints.DeadlineRule, string text):
                CheckDeadlineRule(report, id, name, text);
                break;
            case (InputHints.Roles, IEnumerable<string?> roles):
                CheckRoles(report, id, name, roles);
                break;
            case (InputHints.Parties, IEnumerable<string?> parties):
                var index = 0;
                foreach (var party in parties)
                {
                    CheckScript(report, id, Indexed(name, index++), party, scriptOnly: false);
                }

                break;
            case (InputHints.Select, string text) when input.Options is { Count: > 0 } options && !options.Contains(text, StringComparer.Ordinal):
                report.Error(id, name, $"“{text}”不是可选值，可选：{string.Join("、", options)}", $"'{text}' is not one of: {string.Join(", ", options)}");
                break;
            case (InputHints.Duration, string text):
                CheckDuration(report, id, name, text);
                break;
            case (InputHints.Json, JsonElement element):
                CheckTemplatesIn(report, id, name, element);
                break;
            case (_, IEnumerable<ReminderStep?> reminders):
                CheckReminders(report, id, name, reminders);
                break;
            case (_, IEnumerable<EscalationStep?> steps):
                CheckEscalation(report, id, name, steps);
                break;
            case (_, IEnumerable<SwitchCase?> cases):
                var position = 0;
                foreach (var branch in cases)
                {
                    var condition = $"{Indexed(name, position++)}.condition";
                    if (string.IsNullOrWhiteSpace(branch?.Condition))
                    {
                        report.Error(id, condition, "分支条件为空", "the branch condition is empty");
                    }
                    else
                    {
                        CheckScript(report, id, condition, branch.Condition, scriptOnly: true);
                    }
                }

                break;
            case (_, string text) when name == "at" && descriptor.Type == nameof(WaitUntil):
                CheckTimeOfDay(report, id, name, text);
                break;
            default:
                break;
        }

        if (string.Equals(name, descriptor.DynamicOutcomesInput, StringComparison.Ordinal))
        {
            CheckOutcomeNames(report, id, descriptor, name, value);
        }
    }

    private static void CheckDeadlineRule(ValidationCollector report, string id, string property, string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            report.Error(id, property, "缺少期限规则", "the deadline rule is missing");
            return;
        }

        try
        {
            DeadlineRule.Parse(text);
        }
        catch (FormatException e)
        {
            report.ErrorText(id, property, e.Message);
        }
    }

    private static void CheckRoles(ValidationCollector report, string id, string property, IEnumerable<string?>? roles)
    {
        var index = 0;
        foreach (var role in roles ?? [])
        {
            if (!PartyRoles.TryParse(role, out _))
            {
                report.Error(
                    id,
                    Indexed(property, index),
                    $"未知角色“{role}”，可用角色：{string.Join("、", PartyRoles.AllCodes)}",
                    $"unknown role '{role}', expected one of: {string.Join(", ", PartyRoles.AllCodes)}");
            }

            index++;
        }
    }

    private static void CheckDuration(ValidationCollector report, string id, string property, string text)
    {
        TimeSpan duration;
        try
        {
            duration = XmlConvert.ToTimeSpan(text);
        }
        catch (Exception e) when (e is FormatException or OverflowException)
        {
            report.Error(id, property, $"时长“{text}”不是 ISO 8601 格式（如 PT2H、P3D）", $"'{text}' is not an ISO 8601 duration (e.g. PT2H, P3D)");
            return;
        }

        if (duration <= TimeSpan.Zero)
        {
            report.Warning(id, property, $"时长“{text}”不大于零，不会等待", $"duration '{text}' is not positive: nothing is waited for");
        }
    }

    private static void CheckTimeOfDay(ValidationCollector report, string id, string property, string? text)
    {
        if (text == "end" || TimeOnly.TryParseExact(text, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
        {
            return;
        }

        report.Error(id, property, $"时刻“{text}”应为 HH:mm 或 end", $"time '{text}' must be HH:mm or end");
    }

    private static void CheckReminders(ValidationCollector report, string id, string property, IEnumerable<ReminderStep?> reminders)
    {
        var index = 0;
        foreach (var step in reminders)
        {
            var at = Indexed(property, index++);
            if (step is null)
            {
                report.Error(id, at, "提醒为空", "the reminder is null");
                continue;
            }

            CheckDeadlineRule(report, id, $"{at}.offset", step.Offset);
            CheckTimeOfDay(report, id, $"{at}.at", step.At);
            CheckNotBlank(report, id, $"{at}.template", step.Template, "提醒模板", "reminder template");
        }
    }

    private static void CheckEscalation(ValidationCollector report, string id, string property, IEnumerable<EscalationStep?> steps)
    {
        var index = 0;
        foreach (var step in steps)
        {
            var at = Indexed(property, index++);
            if (step is null)
            {
                report.Error(id, at, "督办步骤为空", "the escalation step is null");
                continue;
            }

            CheckDeadlineRule(report, id, $"{at}.after", step.After);
            CheckRoles(report, id, $"{at}.recipientRoles", step.RecipientRoles);
            CheckTimeOfDay(report, id, $"{at}.at", step.At);
            CheckNotBlank(report, id, $"{at}.template", step.Template, "督办模板", "escalation template");
            if ((step.RecipientRoles is null || step.RecipientRoles.Count == 0) && !step.IncludeAssignee)
            {
                report.Warning(id, $"{at}.recipientRoles", "此督办步骤不通知任何人（无收件角色且不含承办单位）", "this step notifies nobody (no recipient roles, assignee not included)");
            }

            if (!EscalationActions.Contains(step.Action, StringComparer.Ordinal))
            {
                report.Error(id, $"{at}.action", $"督办动作“{step.Action}”无效，应为 none、reassign 或 cancel", $"escalation action '{step.Action}' must be none, reassign or cancel");
            }
            else if (step.Action == "reassign" && string.IsNullOrWhiteSpace(step.ReassignTo))
            {
                report.Error(id, $"{at}.reassignTo", "督办动作 reassign 需要 reassignTo（接办单位）", "action reassign needs reassignTo (the party taking over)");
            }
        }
    }

    private static void CheckNotBlank(ValidationCollector report, string id, string property, string? text, string chinese, string english)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            report.Error(id, property, $"{chinese}为空", $"the {english} is empty");
        }
    }

    private static void CheckOutcomeNames(ValidationCollector report, string id, ActivityDescriptor descriptor, string property, object? value)
    {
        var names = value switch
        {
            IEnumerable<string?> strings => strings.ToList(),
            IEnumerable<SwitchCase?> cases => cases.Select(c => c?.Name).ToList(),
            _ => [],
        };
        var seen = new HashSet<string>(descriptor.Outcomes, StringComparer.Ordinal);
        for (var i = 0; i < names.Count; i++)
        {
            var name = names[i];
            var at = Indexed(property, i);
            if (string.IsNullOrWhiteSpace(name))
            {
                report.Error(id, at, "分支名为空", "the branch name is empty");
            }
            else if (!seen.Add(name))
            {
                report.Error(id, at, $"分支名“{name}”重复", $"branch name '{name}' is used twice");
            }
        }
    }

    private static void CheckDeadline(ValidationCollector report, string id, string type, Dictionary<string, object?> bound)
    {
        switch (type)
        {
            case nameof(IssueTask) when !bound.ContainsKey("due"):
                report.Error(id, "due", "任务没有期限：请设置期限规则 due", "the task has no deadline: set the rule in due");
                break;
            case nameof(WaitUntil) when !bound.ContainsKey("rule") && !bound.ContainsKey("instant"):
                report.Error(id, "rule", "等待没有期限：请设置日历规则 rule 或指定时刻 instant", "the wait has no deadline: set rule or instant");
                break;
            case nameof(WaitUntil) when bound.ContainsKey("rule") && bound.ContainsKey("instant"):
                report.Warning(id, "rule", "同时设置了 rule 和 instant：按 instant 等待，rule 不起作用", "both rule and instant are set: instant is used, rule is ignored");
                break;
            case nameof(Delay) when !bound.ContainsKey("duration"):
                report.Error(id, "duration", "延时没有时长：请设置 duration", "the delay has no duration: set duration");
                break;
            default:
                break;
        }
    }

    private static void CheckCounts(ValidationCollector report, string id, string type, Dictionary<string, object?> bound)
    {
        var (countInput, count) = type switch
        {
            nameof(IssueTask) => ("required", bound.GetValueOrDefault("required") as int? ?? 0),
            nameof(Join) => ("count", bound.GetValueOrDefault("count") as int? ?? 0),
            _ => (null, 0),
        };
        if (countInput is not null && bound.GetValueOrDefault("mode") as string == "count" && count < 1)
        {
            report.Warning(id, countInput, $"方式为 count 但 {countInput} 小于 1，按 1 计", $"mode is count but {countInput} is below 1: 1 is used");
        }
    }

    private static bool IsBlank(object? value) => value switch
    {
        null => true,
        string text => string.IsNullOrWhiteSpace(text),
        System.Collections.ICollection collection => collection.Count == 0,
        _ => false,
    };

    /// <summary>The exception's reason without its "activity X, input Y" prefix, which the message's location already
    /// says, and without the reader's line and byte, which count inside the input value rather than the file.</summary>
    private static string Detail(ActivityInputException e)
    {
        var cut = e.Message.IndexOf('：', StringComparison.Ordinal);
        var detail = cut >= 0 ? e.Message[(cut + 1)..] : e.Message;
        return ReaderPosition().Replace(detail, string.Empty).TrimEnd();
    }

    [GeneratedRegex(@"( Path: \$)? \| LineNumber: \d+ \| BytePositionInLine: \d+\.?")]
    private static partial Regex ReaderPosition();
}
