using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Scriban.Runtime;

namespace Reduction.Notifications.Templates;

/// <summary>Turns JSON models into Scriban values. Nested objects are strict; for HTML every string is escaped here,
/// once, so HTML templates never need (or forget) `html.escape`. Objects and arrays are read-only: the templates of
/// a notice share them.</summary>
internal static class TemplateValues
{
    public static object? From(JsonNode? node, bool escapeHtml, string path, bool strict = true) => node switch
    {
        null => null,
        JsonObject o => Object(o, escapeHtml, path, strict),
        JsonArray a => Array(a, escapeHtml, path, strict),
        JsonValue v => Scalar(v, escapeHtml),
        _ => throw new NoticeTemplateException($"无法识别的模型值 / unsupported model value at {path}"),
    };

    public static ScriptObject Object(JsonObject json, bool escapeHtml, string path, bool strict = true)
    {
        var result = strict ? new StrictScriptObject(path) : new ScriptObject();
        foreach (var (name, value) in json)
        {
            // The path names a member in error messages; scalars have no members, so they need none.
            result[name] = value is JsonValue or null ? From(value, escapeHtml, path, strict) : From(value, escapeHtml, $"{path}.{name}", strict);
        }

        result.IsReadOnly = true;
        return result;
    }

    public static ScriptArray Array(IEnumerable<JsonNode?> items, bool escapeHtml, string path, bool strict = true)
    {
        var result = new ScriptArray();
        var index = 0;
        foreach (var item in items)
        {
            var itemPath = item is JsonValue or null ? path : string.Create(CultureInfo.InvariantCulture, $"{path}[{index}]");
            result.Add(From(item, escapeHtml, itemPath, strict));
            index++;
        }

        result.IsReadOnly = true;
        return result;
    }

    public static ScriptArray Strings(IEnumerable<string> items, bool escapeHtml)
    {
        var result = new ScriptArray();
        foreach (var item in items)
        {
            result.Add(Text(item, escapeHtml));
        }

        result.IsReadOnly = true;
        return result;
    }

    public static string? Text(string? text, bool escapeHtml) => escapeHtml && text is not null ? EscapeHtml(text) : text;

    /// <summary>Escapes the five characters that matter in HTML text and attributes; Chinese stays readable.</summary>
    public static string EscapeHtml(string text)
    {
        if (text.AsSpan().IndexOfAny("&<>\"'") < 0)
        {
            return text;
        }

        var builder = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            builder.Append(c switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                '\'' => "&#39;",
                _ => c.ToString(),
            });
        }

        return builder.ToString();
    }

    private static object? Scalar(JsonValue value, bool escapeHtml)
    {
        switch (value.GetValueKind())
        {
            case JsonValueKind.String:
                return Text(value.GetValue<string>(), escapeHtml);
            case JsonValueKind.True:
                return true;
            case JsonValueKind.False:
                return false;
            case JsonValueKind.Number:
                // Through the JSON text: a value built in-process (JsonValue.Create(3)) answers TryGetValue<long> with false.
                var text = value.ToJsonString();
                if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
                {
                    return integer;
                }

                return decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
                    ? number
                    : double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
            default:
                return null;
        }
    }
}
