namespace Reduction.Workflows.Tests.Support;

/// <summary>Both storage providers, so runtime tests run on PostgreSQL and on SQLite.</summary>
public static class Providers
{
    public static TheoryData<string> All => new() { "sqlite", "postgres" };
}
