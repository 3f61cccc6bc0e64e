namespace Reduction.Workflows.Definitions;

/// <summary>A definition file that cannot be read as a definition at all.</summary>
public sealed class DefinitionFormatException(string file, string message)
    : Exception($"{file}: {message}")
{
    public string File { get; } = file;
}
