namespace Reduction.Workflows.Activities;

/// <summary>Marks an activity property as an input bound from the definition's `inputs` object.</summary>
[AttributeUsage(AttributeTargets.Property, Inherited = false)]
public sealed class InputAttribute(string displayName) : Attribute
{
    /// <summary>zh-CN label in the designer.</summary>
    public string DisplayName { get; } = displayName;

    public string? Description { get; init; }

    /// <summary>Editor kind: text, multiline, expression, template, deadline-rule, roles, parties, number, checkbox, select, json, duration, workflow.</summary>
    public string UIHint { get; init; } = InputHints.Text;

    public bool Required { get; init; }

    /// <summary>Allowed values for `select`.</summary>
    public string[]? Options { get; init; }
}
