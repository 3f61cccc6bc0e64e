namespace Reduction.Server.Tests.Operations;

/// <summary>The notices and sanctions tests share one <see cref="NoticesServer"/> (one cycle year on one drill clock).</summary>
[CollectionDefinition(Name)]
public sealed class NoticesCollection : ICollectionFixture<NoticesServer>
{
    public const string Name = "notices";
}
