namespace Reduction.Server.Workflows.Design;

/// <summary>A notice template rendered on its sample model, or why it could not be.</summary>
public sealed record TemplateSample(string? Subject, string? Text, string? Error);
