using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Reduction.Workflows.Definitions;

namespace Reduction.Server.Components.Pages.Console.Workflows;

/// <summary>One row of the reminder or escalation editor. Written back without the runtime's defaults (09:00, the
/// default template, no action), so an untouched row reads as it was written in the shipped file.</summary>
public sealed class StepRow
{
    public string Unit { get; set; } = "workdays";

    public int Count { get; set; }

    public string At { get; set; } = "09:00";

    public string Template { get; set; } = "";

    public List<string> Roles { get; set; } = [];

    public bool IncludeAssignee { get; set; }

    public string Action { get; set; } = "none";

    public string? ReassignTo { get; set; }

    /// <summary>The rule of the row: before the due date for reminders, after it for escalation steps.</summary>
    public string Offset(bool reminder) => Count == 0
        ? $"{Unit}:+0"
        : string.Create(CultureInfo.InvariantCulture, $"{Unit}:{(reminder ? "-" : "+")}{Count}");

    public static List<StepRow> Read(JsonElement? value, bool reminder)
    {
        var rows = new List<StepRow>();
        if (value is not { ValueKind: JsonValueKind.Array } array)
        {
            return rows;
        }

        foreach (var item in array.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Object)
            {
                continue;
            }

            var row = new StepRow { Template = reminder ? "reminder" : "escalation" };
            var offset = Text(item, reminder ? "offset" : "after") ?? "";
            var colon = offset.IndexOf(':');
            if (colon > 0)
            {
                row.Unit = offset[..colon] == "days" ? "days" : "workdays";
                _ = int.TryParse(offset[(colon + 1)..].TrimStart('+', '-'), NumberStyles.None, CultureInfo.InvariantCulture, out var count);
                row.Count = count;
            }

            row.At = Text(item, "at") ?? "09:00";
            row.Template = Text(item, "template") ?? row.Template;
            if (item.TryGetProperty("recipientRoles", out var roles) && roles.ValueKind == JsonValueKind.Array)
            {
                row.Roles = roles.EnumerateArray().Where(r => r.ValueKind == JsonValueKind.String).Select(r => r.GetString()!).ToList();
            }

            row.IncludeAssignee = item.TryGetProperty("includeAssignee", out var include) && include.ValueKind == JsonValueKind.True;
            row.Action = Text(item, "action") ?? "none";
            row.ReassignTo = Text(item, "reassignTo");
            rows.Add(row);
        }

        return rows;
    }

    public static JsonElement Write(IEnumerable<StepRow> rows, bool reminder)
    {
        var array = new JsonArray();
        foreach (var row in rows)
        {
            var item = new JsonObject { [reminder ? "offset" : "after"] = row.Offset(reminder) };
            if (!reminder)
            {
                item["recipientRoles"] = new JsonArray([.. row.Roles.Select(r => (JsonNode?)JsonValue.Create(r))]);
            }

            if (row.At is { Length: > 0 } at && at != "09:00")
            {
                item["at"] = at;
            }

            if (row.Template is { Length: > 0 } template && template != (reminder ? "reminder" : "escalation"))
            {
                item["template"] = template;
            }

            if (!reminder && row.IncludeAssignee)
            {
                item["includeAssignee"] = true;
            }

            if (!reminder && row.Action is { Length: > 0 } action && action != "none")
            {
                item["action"] = action;
                if (row.ReassignTo is { Length: > 0 } to)
                {
                    item["reassignTo"] = to;
                }
            }

            array.Add(item);
        }

        return JsonSerializer.SerializeToElement(array, DefinitionJson.Options);
    }

    private static string? Text(JsonElement item, string name) =>
        item.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
