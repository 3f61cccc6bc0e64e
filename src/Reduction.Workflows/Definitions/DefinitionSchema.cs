using System.Reflection;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Schema;
using System.Text.Json.Serialization.Metadata;
using Reduction.Domain.Parties;
using Reduction.Workflows.Activities;
using Reduction.Workflows.Activities.Tasks;
using Reduction.Workflows.Activities.Timing;

namespace Reduction.Workflows.Definitions;

/// <summary>The JSON Schema (draft 2020-12) of definition files, generated from the activity registry so editors
/// complete every activity's inputs. workflows/schema/workflow-definition.schema.json is its output
/// (`reduction workflows schema`); the schema catches shape errors, <see cref="DefinitionValidator"/> the rest.</summary>
public static class DefinitionSchema
{
    public const string Draft = "https://json-schema.org/draft/2020-12/schema";

    /// <summary>Where shipped definitions point their `$schema`, relative to the workflows/ folder.</summary>
    public const string RelativePath = "./schema/workflow-definition.schema.json";

    /// <summary>Deadline rules as <see cref="Reduction.Domain.Calendar.DeadlineRule"/> writes them.</summary>
    public const string DeadlineRulePattern =
        @"^(day:(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])|last-day:(0[1-9]|1[0-2])|(workdays|days):(\+0|[+-][1-9][0-9]*))( roll-forward)?$";

    public const string TimeOfDayPattern = "^(([01][0-9]|2[0-3]):[0-5][0-9]|end)$";

    private static readonly JsonSerializerOptions WriteOptions = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    // The definitions' dialect with a resolver attached, as the exporter requires.
    private static readonly JsonSerializerOptions DialectOptions = new(DefinitionJson.Options)
    {
        TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
    };

    /// <summary>Inputs (by activity type or record type, and property) whose plain string type says too little.</summary>
    private static readonly Dictionary<(string Owner, string Property), Func<JsonObject>> Refinements = new()
    {
        [(nameof(ReminderStep), "offset")] = DeadlineRuleReference,
        [(nameof(ReminderStep), "at")] = TimeOfDay,
        [(nameof(EscalationStep), "after")] = DeadlineRuleReference,
        [(nameof(EscalationStep), "at")] = TimeOfDay,
        [(nameof(EscalationStep), "recipientRoles")] = Roles,
        [(nameof(EscalationStep), "action")] = () => new JsonObject { ["enum"] = Strings("none", "reassign", "cancel") },
        [(nameof(WaitUntil), "at")] = TimeOfDay,
    };

    public static JsonObject Generate(ActivityRegistry registry)
    {
        var descriptors = registry.Descriptors.OrderBy(d => d.Type, StringComparer.Ordinal).ToList();
        var definitions = new JsonObject
        {
            ["variable"] = Variable(),
            ["trigger"] = Trigger(),
            ["activity"] = Activity(descriptors),
            ["connection"] = Connection(),
            ["position"] = new JsonObject
            {
                ["type"] = "object",
                ["description"] = "设计器中的位置，运行时忽略 / Position on the designer canvas; ignored by the runtime.",
                ["required"] = Strings("x", "y"),
                ["additionalProperties"] = false,
                ["properties"] = new JsonObject { ["x"] = Type("number"), ["y"] = Type("number") },
            },
            ["deadlineRule"] = new JsonObject
            {
                ["type"] = "string",
                ["description"] = "期限规则：day:MM-DD、last-day:MM、workdays:±N、days:±N，可加“ roll-forward” / "
                    + "Deadline rule: day:MM-DD, last-day:MM, workdays:±N, days:±N, optionally followed by ' roll-forward'.",
                ["pattern"] = DeadlineRulePattern,
                ["examples"] = Strings("day:03-15", "last-day:02", "workdays:+5", "days:-1", "day:03-15 roll-forward"),
            },
            ["roleCode"] = new JsonObject
            {
                ["description"] = "单位角色 / Party role.",
                ["enum"] = Strings([.. PartyRoles.AllCodes]),
            },
        };
        foreach (var descriptor in descriptors)
        {
            definitions[InputsDefinition(descriptor)] = Inputs(descriptor);
        }

        return new JsonObject
        {
            ["$schema"] = Draft,
            ["title"] = "工作流定义 / Workflow definition",
            ["description"] = "Reduction.Workflows 流程定义文件，格式见 workflows/README.md；由活动注册表生成（reduction workflows schema） / "
                + "A Reduction.Workflows definition file, described in workflows/README.md; generated from the activity registry (reduction workflows schema).",
            ["type"] = "object",
            ["required"] = Strings("id", "name"),
            ["additionalProperties"] = false,
            ["properties"] = new JsonObject
            {
                ["$schema"] = Type("string"),
                ["id"] = Text("流程标识，发布与启动时使用 / Workflow id, used to publish and start.", minLength: 1),
                ["version"] = new JsonObject
                {
                    ["type"] = "integer",
                    ["minimum"] = 0,
                    ["description"] = "发布时设定；文件可带其导出时的版本 / Set by publishing; a file may carry the version it was exported from.",
                },
                ["name"] = Text("流程名称 / Workflow name.", minLength: 1),
                ["description"] = NullableText("说明 / Description."),
                ["variables"] = ArrayOf("variable", "实例变量 / Instance variables."),
                ["triggers"] = ArrayOf("trigger", "启动方式 / What starts an instance."),
                ["activities"] = ArrayOf("activity", "活动 / Activities."),
                ["connections"] = ArrayOf("connection", "连接：活动以某结果结束后进入下一活动 / Connections from an activity's outcome to the next activity."),
            },
            ["$defs"] = definitions,
        };
    }

    /// <summary>The schema as the shipped file holds it: indented, Chinese unescaped, LF line ends, final newline.</summary>
    public static string ToJson(ActivityRegistry registry) =>
        Generate(registry).ToJsonString(WriteOptions).ReplaceLineEndings("\n") + "\n";

    private static JsonObject Variable() => new()
    {
        ["type"] = "object",
        ["required"] = Strings("name"),
        ["additionalProperties"] = false,
        ["properties"] = new JsonObject
        {
            ["name"] = Text("变量名 / Variable name.", minLength: 1),
            ["type"] = new JsonObject
            {
                ["description"] = "类型，默认 string / Type; string when absent.",
                ["enum"] = Strings([.. DefinitionValidator.VariableTypes]),
            },
            ["default"] = new JsonObject { ["description"] = "默认值 / Default value." },
            ["description"] = NullableText("说明 / Description."),
        },
    };

    private static JsonObject Trigger() => new()
    {
        ["type"] = "object",
        ["required"] = Strings("kind"),
        ["additionalProperties"] = false,
        ["properties"] = new JsonObject
        {
            ["kind"] = new JsonObject
            {
                ["description"] = "cron 定时、manual 手动、signal 信号 / cron (scheduled), manual, signal.",
                ["enum"] = Strings([.. DefinitionValidator.TriggerKinds]),
            },
            ["cron"] = NullableText("五段 cron 表达式（分 时 日 月 周），如 0 9 2 1 * / Five-field cron expression, e.g. 0 9 2 1 *."),
            ["timeZone"] = NullableText("IANA 时区，默认 Asia/Shanghai / IANA time zone; Asia/Shanghai when absent."),
            ["signal"] = NullableText("信号名 / Signal name."),
            ["correlationKey"] = NullableText("业务键模板：同一键只启动一次，如 annual-cycle:{{ trigger.year }} / Business-key template: one instance per key."),
            ["input"] = new JsonObject
            {
                ["type"] = Strings("object", "null"),
                ["description"] = "传给实例的变量，字符串可用 {{ trigger.year }} 等模板 / Variables for the instance; strings may be templates over trigger.",
            },
        },
        ["allOf"] = new JsonArray(
            When("kind", "cron", new JsonObject { ["required"] = Strings("cron") }),
            When("kind", "signal", new JsonObject { ["required"] = Strings("signal") })),
    };

    private static JsonObject Connection() => new()
    {
        ["type"] = "object",
        ["required"] = Strings("from", "outcome", "to"),
        ["additionalProperties"] = false,
        ["properties"] = new JsonObject
        {
            ["from"] = Text("起点活动标识 / Source activity id.", minLength: 1),
            ["outcome"] = Text("起点活动的结果，如 done、submitted、true / The source's outcome, e.g. done, submitted, true.", minLength: 1),
            ["to"] = Text("下一活动标识 / Next activity id.", minLength: 1),
        },
    };

    private static JsonObject Activity(List<ActivityDescriptor> descriptors)
    {
        var cases = new JsonArray();
        foreach (var descriptor in descriptors)
        {
            var then = new JsonObject
            {
                ["properties"] = new JsonObject { ["inputs"] = Reference(InputsDefinition(descriptor)) },
            };
            if (descriptor.Inputs.Any(i => i.Required))
            {
                then["required"] = Strings("inputs");
            }

            cases.Add(When("type", descriptor.Type, then));
        }

        return new JsonObject
        {
            ["type"] = "object",
            ["required"] = Strings("id", "type"),
            ["additionalProperties"] = false,
            ["properties"] = new JsonObject
            {
                ["id"] = Text("活动标识，在流程内唯一 / Activity id, unique in the workflow.", minLength: 1),
                ["type"] = new JsonObject
                {
                    ["description"] = "活动类型（reduction workflows activities） / Activity type (see reduction workflows activities).",
                    ["enum"] = Strings([.. descriptors.Select(d => d.Type)]),
                },
                ["displayName"] = NullableText("设计器中显示的名称 / Name shown in the designer."),
                ["inputs"] = new JsonObject { ["type"] = "object", ["description"] = "输入 / Inputs." },
                ["position"] = new JsonObject
                {
                    ["anyOf"] = new JsonArray(Reference("position"), Type("null")),
                },
            },
            ["allOf"] = cases,
        };
    }

    private static JsonObject Inputs(ActivityDescriptor descriptor)
    {
        var properties = new JsonObject();
        foreach (var input in descriptor.Inputs)
        {
            var schema = Refinements.TryGetValue((descriptor.Type, input.Name), out var refine)
                ? refine()
                : input.UIHint switch
                {
                    InputHints.DeadlineRule => DeadlineRuleReference(),
                    InputHints.Roles => Roles(),
                    InputHints.Select when input.Options is { Count: > 0 } options => new JsonObject { ["enum"] = Strings([.. options]) },
                    _ => Export(input.Property.PropertyType),
                };
            var described = new JsonObject { ["title"] = input.DisplayName };
            if (input.Description is { Length: > 0 } description)
            {
                described["description"] = description;
            }

            foreach (var (key, value) in schema)
            {
                described[key] = value?.DeepClone();
            }

            properties[input.Name] = described;
        }

        var result = new JsonObject
        {
            ["type"] = "object",
            ["description"] = $"{descriptor.DisplayName}：{descriptor.Description}",
            ["additionalProperties"] = false,
            ["properties"] = properties,
        };
        var required = descriptor.Inputs.Where(i => i.Required).Select(i => i.Name).ToArray();
        if (required.Length > 0)
        {
            result["required"] = Strings(required);
        }

        return result;
    }

    /// <summary>The schema of an input's CLR type in the definitions' JSON dialect, with record fields refined.</summary>
    private static JsonObject Export(Type type)
    {
        var options = new JsonSchemaExporterOptions
        {
            TreatNullObliviousAsNonNullable = true,
            TransformSchemaNode = (context, node) =>
            {
                if (context.PropertyInfo is { } property
                    && Refinements.TryGetValue((property.DeclaringType.Name, property.Name), out var refine))
                {
                    return refine();
                }

                if (context.PropertyInfo is null && node is JsonObject schema && context.TypeInfo.Kind == JsonTypeInfoKind.Object)
                {
                    MarkRequiredParameters(schema, context.TypeInfo.Type);
                }

                return node;
            },
        };
        var exported = DialectOptions.GetJsonSchemaAsNode(type, options);
        return exported as JsonObject ?? [];
    }

    /// <summary>Record fields without a default in the primary constructor are required in JSON too.</summary>
    private static void MarkRequiredParameters(JsonObject schema, Type type)
    {
        var constructor = type.GetConstructors(BindingFlags.Public | BindingFlags.Instance).MaxBy(c => c.GetParameters().Length);
        var required = constructor?.GetParameters()
            .Where(p => !p.HasDefaultValue && p.Name is not null)
            .Select(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name!))
            .ToArray() ?? [];
        if (required.Length > 0)
        {
            schema["required"] = Strings(required);
        }
    }

    private static JsonObject When(string property, string value, JsonObject then) => new()
    {
        ["if"] = new JsonObject
        {
            ["properties"] = new JsonObject { [property] = new JsonObject { ["const"] = value } },
            ["required"] = Strings(property),
        },
        ["then"] = then,
    };

    private static string InputsDefinition(ActivityDescriptor descriptor) => $"{descriptor.Type}.inputs";

    private static JsonObject Reference(string definition) => new() { ["$ref"] = $"#/$defs/{definition}" };

    private static JsonObject DeadlineRuleReference() => Reference("deadlineRule");

    private static JsonObject Roles() => new() { ["type"] = "array", ["items"] = Reference("roleCode") };

    private static JsonObject TimeOfDay() => new()
    {
        ["type"] = "string",
        ["description"] = "北京时间 HH:mm，或 end 表示当日 23:59:59 / Beijing time HH:mm, or end for 23:59:59.",
        ["pattern"] = TimeOfDayPattern,
    };

    private static JsonObject ArrayOf(string definition, string description) => new()
    {
        ["type"] = "array",
        ["description"] = description,
        ["items"] = Reference(definition),
    };

    private static JsonObject Type(string type) => new() { ["type"] = type };

    private static JsonObject Text(string description, int minLength) => new()
    {
        ["type"] = "string",
        ["description"] = description,
        ["minLength"] = minLength,
    };

    private static JsonObject NullableText(string description) => new()
    {
        ["type"] = Strings("string", "null"),
        ["description"] = description,
    };

    private static JsonArray Strings(params string[] values) => new([.. values.Select(v => (JsonNode?)JsonValue.Create(v))]);
}
