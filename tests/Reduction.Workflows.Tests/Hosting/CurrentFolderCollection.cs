namespace Reduction.Workflows.Tests.Hosting;

/// <summary>Tests that change the process's current folder run in this collection, never in parallel with others.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public class CurrentFolderCollection
{
    public const string Name = "current folder";
}
