using Blazor.Diagrams.Core.Geometry;
using Blazor.Diagrams.Core.Models;
using Reduction.Server.Workflows.Design;
using Reduction.Workflows.Activities;
using Reduction.Workflows.Definitions;

namespace Reduction.Server.Components.Pages.Console.Workflows;

/// <summary>An activity on the canvas: one input port on the left, one port per outcome on the right.</summary>
public sealed class ActivityNodeModel : NodeModel
{
    public ActivityNodeModel(ActivityNode node, ActivityDescriptor? descriptor, IReadOnlyList<string> outcomes)
        : base(node.Id, new Point(node.Position?.X ?? 0, node.Position?.Y ?? 0))
    {
        ActivityId = node.Id;
        Type = node.Type;
        Descriptor = descriptor;
        Caption = string.IsNullOrWhiteSpace(node.DisplayName) ? descriptor?.DisplayName ?? node.Type : node.DisplayName;
        Colour = DesignerLabels.CategoryColour(descriptor?.Category);
        if (node.Type != "Start")
        {
            Input = AddPort(new ActivityPort(this, null));
        }

        foreach (var outcome in outcomes)
        {
            AddPort(new ActivityPort(this, outcome));
        }
    }

    public string ActivityId { get; }

    public string Type { get; }

    public ActivityDescriptor? Descriptor { get; }

    public string Caption { get; }

    public string Colour { get; }

    public PortModel? Input { get; }

    public IEnumerable<ActivityPort> OutcomePorts => Ports.OfType<ActivityPort>().Where(p => p.Outcome is not null);

    /// <summary>Errors and warnings of the validator on this activity (the badge).</summary>
    public int Errors { get; set; }

    public int Warnings { get; set; }

    /// <summary>A mark drawn over the node: `added`, `removed`, `changed` in a diff, `visited` / `waiting` in an
    /// instance view; null for none.</summary>
    public string? Mark { get; set; }

    /// <summary>A short note under the title (how many instances wait here, a task's state).</summary>
    public string? Note { get; set; }

    public ActivityPort? PortOf(string outcome) => OutcomePorts.FirstOrDefault(p => p.Outcome == outcome);
}
