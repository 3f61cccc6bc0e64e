using System.Collections;
using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Scriban;
using Scriban.Parsing;
using Scriban.Runtime;
using Scriban.Syntax;

namespace Reduction.Workflows.Expressions;

/// <summary>Sandboxed Scriban expressions (conditions, values) and templates (texts) over instance variables.
/// The model holds only plain values converted from JSON, never .NET objects, so scripts reach nothing
/// beyond the model; loops, recursion and output size are limited.</summary>
public sealed class ExpressionEvaluator
{
    private const int MaxCachedTemplates = 2048;
    private readonly ConcurrentDictionary<(string Text, bool ScriptOnly), Template> _cache = new();

    public static ExpressionEvaluator Shared { get; } = new();

    /// <summary>Evaluates an expression such as `year >= 2015 and plan.accepted` and returns the value as JSON.</summary>
    public JsonNode? Evaluate(string expression, JsonObject model, IReadOnlyDictionary<string, object?>? functions = null)
    {
        var template = Parse(expression, scriptOnly: true);
        var context = CreateContext(model, functions);
        try
        {
            return ToJson(template.Evaluate(context));
        }
        catch (Exception e) when (e is ScriptRuntimeException or InvalidOperationException or ArgumentException or FormatException)
        {
            throw new ExpressionException(expression, e.Message);
        }
    }

    /// <summary>Evaluates a condition; anything but a boolean is an error rather than a guess.</summary>
    public bool EvaluateBoolean(string expression, JsonObject model, IReadOnlyDictionary<string, object?>? functions = null)
    {
        var value = Evaluate(expression, model, functions);
        return value is JsonValue v && v.TryGetValue<bool>(out var result)
            ? result
            : throw new ExpressionException(expression, $"结果不是布尔值 / result is not a boolean: {value?.ToJsonString() ?? "null"}");
    }

    /// <summary>Renders a text template such as `{{ party_name }}：请于{{ due_text }}前报送`.</summary>
    public string Render(string text, JsonObject model, IReadOnlyDictionary<string, object?>? functions = null)
    {
        if (!text.Contains("{{", StringComparison.Ordinal))
        {
            return text;
        }

        var template = Parse(text, scriptOnly: false);
        var context = CreateContext(model, functions);
        try
        {
            return template.Render(context);
        }
        catch (Exception e) when (e is ScriptRuntimeException or InvalidOperationException or ArgumentException or FormatException)
        {
            throw new ExpressionException(text, e.Message);
        }
    }

    /// <summary>Parse errors of an expression or template, for the validator; empty when it parses.</summary>
    public IReadOnlyList<string> Check(string text, bool scriptOnly)
    {
        var template = Template.Parse(text, lexerOptions: new LexerOptions { Mode = scriptOnly ? ScriptMode.ScriptOnly : ScriptMode.Default });
        return template.HasErrors ? template.Messages.Select(m => m.Message).ToArray() : [];
    }

    private Template Parse(string text, bool scriptOnly)
    {
        if (_cache.TryGetValue((text, scriptOnly), out var cached))
        {
            return cached;
        }

        var template = Template.Parse(text, lexerOptions: new LexerOptions { Mode = scriptOnly ? ScriptMode.ScriptOnly : ScriptMode.Default });
        if (template.HasErrors)
        {
            throw new ExpressionException(text, string.Join("; ", template.Messages.Select(m => m.Message)));
        }

        if (_cache.Count < MaxCachedTemplates)
        {
            _cache.TryAdd((text, scriptOnly), template);
        }

        return template;
    }

    private static TemplateContext CreateContext(JsonObject model, IReadOnlyDictionary<string, object?>? functions)
    {
        var globals = new ScriptObject();
        foreach (var (name, value) in model)
        {
            globals[name] = FromJson(value);
        }

        if (functions is not null)
        {
            foreach (var (name, function) in functions)
            {
                globals[name] = function;
            }
        }

        var context = new TemplateContext
        {
            StrictVariables = true,
            LoopLimit = 10_000,
            RecursiveLimit = 50,
            LimitToString = 100_000,
            ObjectRecursionLimit = 20,
            EnableRelaxedMemberAccess = false,
            MemberFilter = _ => false,
        };
        context.PushGlobal(globals);
        return context;
    }

    /// <summary>JSON to Scriban's own value types (ScriptObject, ScriptArray, string, long, decimal, bool).</summary>
    public static object? FromJson(JsonNode? node) => node switch
    {
        null => null,
        JsonObject o => ToScriptObject(o),
        JsonArray a => new ScriptArray(a.Select(FromJson)),
        JsonValue v => v.GetValueKind() switch
        {
            JsonValueKind.String => v.GetValue<string>(),
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.Number => Number(v.ToJsonString()),
            _ => null,
        },
        _ => null,
    };

    // JsonValue may wrap int, long, decimal or a raw JSON element: go through the text to get one representation.
    private static object Number(string text) =>
        long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var l) ? l : decimal.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);

    private static ScriptObject ToScriptObject(JsonObject o)
    {
        var result = new ScriptObject();
        foreach (var (name, value) in o)
        {
            result[name] = FromJson(value);
        }

        return result;
    }

    /// <summary>Scriban values back to JSON.</summary>
    public static JsonNode? ToJson(object? value) => value switch
    {
        null => null,
        JsonNode node => node.DeepClone(),
        string s => JsonValue.Create(s),
        bool b => JsonValue.Create(b),
        int i => JsonValue.Create(i),
        long l => JsonValue.Create(l),
        decimal d => JsonValue.Create(d),
        double d => JsonValue.Create(d),
        float f => JsonValue.Create(f),
        DateTimeOffset t => JsonValue.Create(t.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture)),
        DateTime t => JsonValue.Create(t.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture)),
        IDictionary<string, object?> dict => new JsonObject(dict.Select(kv => KeyValuePair.Create(kv.Key, ToJson(kv.Value)))),
        IEnumerable list => new JsonArray(list.Cast<object?>().Select(ToJson).ToArray()),
        _ => JsonValue.Create(Convert.ToString(value, CultureInfo.InvariantCulture)),
    };
}
