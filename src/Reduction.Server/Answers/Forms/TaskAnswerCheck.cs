using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Reduction.Domain.Calendar;
using Reduction.Domain.Parties;
using Reduction.Domain.PlanPeriods;
using Reduction.Workflows.Persistence;
using Reduction.Workflows.Queries;

namespace Reduction.Server.Answers.Forms;

/// <summary>Checks an answer that arrives as JSON (API, CLI) exactly as the task page checks a posted form: the answer
/// is filled into the kind's form, read back, and must come out as it went in. So the rules, limits and messages are
/// the form's own, and an accepted answer is what the page would have stored.</summary>
public static class TaskAnswerCheck
{
    /// <summary>What the page adds beside the form's data: the submitter's contact, its submission key, attachments.</summary>
    private static readonly string[] PageFields = ["contact", "submissionKey", "attachments"];

    private static readonly JsonSerializerOptions Compact = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The form context of <paramref name="task"/> in an instance with <paramref name="variables"/>: the cycle
    /// year is the workflow's `year`, else the year of the due date; the party is the one the answer concerns, so a
    /// prefecture's data task handed over to the EPB still checks the data as that prefecture's case.</summary>
    public static TaskFormContext ContextOf(TaskRecord task, JsonObject variables, PartyDirectory parties, PlanPeriodCatalog periods) =>
        ContextOf(task.ReassignedFromPartyId ?? task.AssigneePartyId, task.DueAt, variables, parties, periods);

    public static TaskFormContext ContextOf(TaskInfo task, JsonObject variables, PartyDirectory parties, PlanPeriodCatalog periods) =>
        ContextOf(task.ReassignedFromPartyId ?? task.AssigneePartyId, task.DueAt, variables, parties, periods);

    private static TaskFormContext ContextOf(string partyId, DateTimeOffset dueAt, JsonObject variables, PartyDirectory parties, PlanPeriodCatalog periods)
    {
        var year = variables["year"] is JsonValue value && value.TryGetValue<int>(out var y) ? y
            : variables["year"] is JsonValue text && int.TryParse(text.ToString(), CultureInfo.InvariantCulture, out var parsed) ? parsed
            : BeijingTime.DateOf(dueAt).Year;
        return new TaskFormContext(parties.GetById(partyId), year, variables, parties, periods);
    }

    /// <summary>The answer to store (as the page would store it), or the errors; never both.</summary>
    public static (JsonObject? Answer, IReadOnlyList<AnswerError> Errors) Check(string kind, JsonObject answer, TaskFormContext context)
    {
        var form = TaskForm.For(kind);
        var data = (JsonObject)answer.DeepClone();
        var page = new JsonObject();
        foreach (var name in PageFields)
        {
            if (data.Remove(name, out var value))
            {
                page[name] = value;
            }
        }

        var state = new FormState();
        form.Fill(state, data, context);
        var read = form.Read(state, context);
        CheckPageFields(state, page);
        var errors = state.Errors.Select(e => new AnswerError(e.Key, e.Value)).ToList();
        if (errors.Count == 0 && read is not null)
        {
            Compare(read, data, string.Empty, errors);
        }

        if (errors.Count > 0 || read is null)
        {
            return (null, errors.Count > 0 ? errors : [new AnswerError(FormState.General, "答复无法读取")]);
        }

        foreach (var (name, value) in page)
        {
            read[name] = value?.DeepClone();
        }

        return (read, []);
    }

    /// <summary>One line for logs and the CLI: 答复无效：field：message；….</summary>
    public static string Summary(IReadOnlyList<AnswerError> errors) =>
        "答复无效：" + string.Join("；", errors.Select(e => e.Field.Length == 0 ? e.Message : $"{e.Field}：{e.Message}"));

    private static void CheckPageFields(FormState state, JsonObject page)
    {
        if (page["contact"] is { } contact)
        {
            if (contact is not JsonObject person || person.Any(p => p.Key is not ("name" or "phone")))
            {
                state.Fail("contact", "联系人应为 {\"name\": 填报人姓名, \"phone\": 联系电话}");
            }
            else
            {
                state.Values["contact.name"] = Text(person["name"]);
                state.Values["contact.phone"] = Text(person["phone"]);
                FormInput.Text(state, "contact.name", "填报人姓名", required: true, maxLength: 50);
                FormInput.Text(state, "contact.phone", "联系电话", required: false, maxLength: 30);
            }
        }

        if (page["submissionKey"] is { } key && !(key is JsonValue k && k.TryGetValue<string>(out var text) && Guid.TryParse(text, out _)))
        {
            state.Fail("submissionKey", "提交标识应为 GUID");
        }

        if (page.ContainsKey("attachments"))
        {
            // The files behind an attachment list are staged by the page's upload; a list sent alone would point at nothing.
            state.Fail("attachments", "附件只能在任务页面上传");
        }
    }

    private static string Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : node?.ToJsonString() ?? string.Empty;

    /// <summary>Reports where the posted answer differs from what the form read out of it; a collection the form
    /// always writes may be left out when empty.</summary>
    private static void Compare(JsonNode? expected, JsonNode? actual, string path, List<AnswerError> errors)
    {
        switch (expected)
        {
            case JsonObject expectedObject when actual is JsonObject actualObject:
                foreach (var name in actualObject.Select(p => p.Key))
                {
                    if (!expectedObject.ContainsKey(name))
                    {
                        errors.Add(new AnswerError(Join(path, name), "任务页面的表单没有这一项"));
                    }
                }

                foreach (var (name, value) in expectedObject)
                {
                    if (actualObject.TryGetPropertyValue(name, out var posted))
                    {
                        Compare(value, posted, Join(path, name), errors);
                    }
                    else if (value is not (JsonArray { Count: 0 } or JsonObject { Count: 0 }))
                    {
                        errors.Add(new AnswerError(Join(path, name), "缺少这一项"));
                    }
                }

                break;
            case JsonArray expectedArray when actual is JsonArray actualArray:
                if (expectedArray.Count != actualArray.Count)
                {
                    errors.Add(new AnswerError(path, string.Create(CultureInfo.InvariantCulture, $"应有 {expectedArray.Count} 项（空行不算），实有 {actualArray.Count} 项")));
                    break;
                }

                for (var i = 0; i < expectedArray.Count; i++)
                {
                    Compare(expectedArray[i], actualArray[i], string.Create(CultureInfo.InvariantCulture, $"{path}[{i}]"), errors);
                }

                break;
            default:
                if (!SameValue(expected, actual))
                {
                    errors.Add(new AnswerError(path, $"应为 {expected?.ToJsonString(Compact) ?? "null"}（任务页面按此格式保存）"));
                }

                break;
        }
    }

    private static bool SameValue(JsonNode? expected, JsonNode? actual)
    {
        if (expected is JsonValue e && actual is JsonValue a && e.GetValueKind() == JsonValueKind.Number && a.GetValueKind() == JsonValueKind.Number)
        {
            return decimal.TryParse(e.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var x)
                && decimal.TryParse(a.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var y)
                && x == y;
        }

        return JsonNode.DeepEquals(expected, actual);
    }

    private static string Join(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";
}
