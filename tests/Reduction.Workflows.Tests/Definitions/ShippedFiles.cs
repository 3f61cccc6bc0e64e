namespace Reduction.Workflows.Tests.Definitions;

/// <summary>The shipped definitions and schema, read from the source tree.</summary>
internal static class ShippedFiles
{
    public static string RepositoryRoot() => Reduction.Testing.RepositoryRoot.Path;

    public static string WorkflowsFolder => Path.Combine(RepositoryRoot(), "workflows");

    public static string SchemaPath => Path.Combine(WorkflowsFolder, "schema", "workflow-definition.schema.json");

    /// <summary>File names of workflows/*.json (the schema folder is not a definition).</summary>
    public static TheoryData<string> Definitions()
    {
        var data = new TheoryData<string>();
        foreach (var path in Directory.GetFiles(WorkflowsFolder, "*.json").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(path));
        }

        return data;
    }

    public static string PathOf(string name) => Path.Combine(WorkflowsFolder, name);
}
