using Reduction.Workflows.Definitions;

namespace Reduction.Server.Workflows.Design;

/// <summary>What the designer's copy puts on the clipboard: activities and the connections among them.</summary>
public sealed record DesignerClip(List<ActivityNode>? Activities, List<Connection>? Connections);
