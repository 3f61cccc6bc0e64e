namespace Reduction.Workflows.Definitions;

/// <summary>Where a published version came from.</summary>
public static class DefinitionSources
{
    /// <summary>A file of the workflows folder, published by the server at start (or by the command line).</summary>
    public const string File = "file";

    /// <summary>The draft, published by an administrator in the designer.</summary>
    public const string Designer = "designer";
}
