using Blazor.Diagrams.Core.Models;
using Blazor.Diagrams.Core.Models.Base;

namespace Reduction.Server.Components.Pages.Console.Workflows;

/// <summary>A port of an activity: the input (<see cref="Outcome"/> null) or one named outcome. A connection always
/// runs from an outcome to another activity's input.</summary>
public sealed class ActivityPort(ActivityNodeModel parent, string? outcome)
    : PortModel(parent, outcome is null ? PortAlignment.Left : PortAlignment.Right)
{
    public string? Outcome { get; } = outcome;

    public ActivityNodeModel Activity => (ActivityNodeModel)Parent;

    public override bool CanAttachTo(ILinkable other) =>
        other is ActivityPort { Outcome: null } target && Outcome is not null && base.CanAttachTo(target);
}
