namespace Reduction.Workflows.Activities;

/// <summary>Describes an activity class for the registry, the validator, the designer and the CLI.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class ActivityAttribute(string type, string category, string displayName, string description) : Attribute
{
    /// <summary>The `type` used in definition JSON.</summary>
    public string Type { get; } = type;

    /// <summary>Designer palette group (zh-CN).</summary>
    public string Category { get; } = category;

    /// <summary>zh-CN name shown to administrators.</summary>
    public string DisplayName { get; } = displayName;

    /// <summary>zh-CN description shown to administrators.</summary>
    public string Description { get; } = description;

    /// <summary>Fixed outcomes; activities with outcomes from inputs (Fork, Switch) add them via <see cref="DynamicOutcomesInput"/>.</summary>
    public string[] Outcomes { get; init; } = ["done"];

    /// <summary>Name of a string-list input whose items are further outcomes (Fork branches, Switch cases).</summary>
    public string? DynamicOutcomesInput { get; init; }

    /// <summary>True when the activity can suspend the instance (creates bookmarks); a cycle must pass one.</summary>
    public bool Waits { get; init; }
}
