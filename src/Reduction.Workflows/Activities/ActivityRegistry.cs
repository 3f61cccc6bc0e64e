using System.Collections;
using System.Reflection;
using System.Text.Json;
using Reduction.Workflows.Definitions;

namespace Reduction.Workflows.Activities;

/// <summary>All activity types, discovered from <see cref="ActivityAttribute"/>s. One registry feeds the runtime,
/// the validator, the designer and the CLI.</summary>
public sealed class ActivityRegistry
{
    private readonly Dictionary<string, ActivityDescriptor> _byType;

    public ActivityRegistry(IEnumerable<Type> activityTypes)
    {
        _byType = new Dictionary<string, ActivityDescriptor>(StringComparer.Ordinal);
        foreach (var type in activityTypes)
        {
            var descriptor = Describe(type);
            if (!_byType.TryAdd(descriptor.Type, descriptor))
            {
                throw new InvalidOperationException($"duplicate activity type '{descriptor.Type}' ({type.FullName})");
            }
        }
    }

    /// <summary>The registry of every activity in this assembly.</summary>
    public static ActivityRegistry Default { get; } = new(typeof(ActivityRegistry).Assembly.GetTypes()
        .Where(t => !t.IsAbstract && typeof(Activity).IsAssignableFrom(t) && t.GetCustomAttribute<ActivityAttribute>() is not null));

    public IReadOnlyCollection<ActivityDescriptor> Descriptors => _byType.Values;

    public ActivityDescriptor? Find(string type) => _byType.GetValueOrDefault(type);

    /// <summary>The outcomes a node can end with: fixed ones plus those named by its dynamic-outcomes input.</summary>
    public IReadOnlyList<string> OutcomesOf(ActivityNode node)
    {
        var descriptor = Find(node.Type);
        if (descriptor is null)
        {
            return [];
        }

        var outcomes = new List<string>(descriptor.Outcomes);
        if (descriptor.DynamicOutcomesInput is { } input && node.Inputs.TryGetValue(input, out var value) && value.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in value.EnumerateArray())
            {
                var name = item.ValueKind switch
                {
                    JsonValueKind.String => item.GetString(),
                    JsonValueKind.Object when item.TryGetProperty("name", out var n) => n.GetString(),
                    _ => null,
                };
                if (!string.IsNullOrEmpty(name) && !outcomes.Contains(name))
                {
                    outcomes.Add(name);
                }
            }
        }

        return outcomes;
    }

    /// <summary>Creates a fresh activity with the node's inputs bound; a bad value raises <see cref="ActivityInputException"/>.</summary>
    public Activity Create(ActivityNode node)
    {
        var descriptor = Find(node.Type) ?? throw new ActivityInputException(node.Id, "type", $"未知活动类型“{node.Type}” / unknown activity type '{node.Type}'");
        var activity = (Activity)Activator.CreateInstance(descriptor.ClrType)!;
        foreach (var input in descriptor.Inputs)
        {
            if (node.Inputs.TryGetValue(input.Name, out var value) && value.ValueKind is not JsonValueKind.Null and not JsonValueKind.Undefined)
            {
                input.Property.SetValue(activity, Bind(node.Id, input, value));
            }
        }

        return activity;
    }

    /// <summary>Converts one JSON input value to its property type.</summary>
    public static object? Bind(string activityId, InputDescriptor input, JsonElement value)
    {
        try
        {
            return value.Deserialize(input.Property.PropertyType, DefinitionJson.Options);
        }
        catch (Exception e) when (e is JsonException or NotSupportedException or InvalidOperationException)
        {
            throw new ActivityInputException(activityId, input.Name, $"应为 {input.JsonType} / expected {input.JsonType}: {e.Message}");
        }
    }

    private static ActivityDescriptor Describe(Type type)
    {
        var attribute = type.GetCustomAttribute<ActivityAttribute>()
            ?? throw new InvalidOperationException($"{type.FullName} has no [Activity]");
        var inputs = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Select(p => (Property: p, Attribute: p.GetCustomAttribute<InputAttribute>()))
            .Where(p => p.Attribute is not null)
            .Select(p => new InputDescriptor(
                JsonNamingPolicy.CamelCase.ConvertName(p.Property.Name),
                p.Attribute!.DisplayName,
                p.Attribute.Description,
                p.Attribute.UIHint,
                JsonTypeOf(p.Property.PropertyType),
                p.Attribute.Required,
                p.Attribute.Options)
            { Property = p.Property })
            .ToArray();
        return new ActivityDescriptor(attribute.Type, attribute.Category, attribute.DisplayName, attribute.Description,
            inputs, attribute.Outcomes, attribute.DynamicOutcomesInput, attribute.Waits)
        { ClrType = type };
    }

    private static string JsonTypeOf(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type == typeof(string))
        {
            return "string";
        }

        if (type == typeof(bool))
        {
            return "boolean";
        }

        if (type == typeof(int) || type == typeof(long))
        {
            return "integer";
        }

        if (type == typeof(decimal) || type == typeof(double))
        {
            return "number";
        }

        if (type == typeof(JsonElement))
        {
            return "any";
        }

        return typeof(IEnumerable).IsAssignableFrom(type) && !typeof(IDictionary).IsAssignableFrom(type) ? "array" : "object";
    }
}
