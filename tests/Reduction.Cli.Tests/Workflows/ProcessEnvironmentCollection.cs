namespace Reduction.Cli.Tests.Workflows;

/// <summary>Tests that change environment variables run in this collection, never in parallel with others.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public class ProcessEnvironmentCollection
{
    public const string Name = "process environment";
}
