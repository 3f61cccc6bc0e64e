namespace Reduction.Workflows.Definitions;

/// <summary>Where the designer draws an activity; ignored by the runtime.</summary>
public sealed record DesignerPosition(double X, double Y);
