namespace Reduction.Server.Workflows;

/// <summary>The version in force after publishing: new (201) or the current one when nothing but layout changed (200).</summary>
public sealed record PublishResponse(int Version);
