namespace Reduction.Server.Tests.Operations;

/// <summary><see cref="OperationsServer"/> where 林芝市 has no registered address at first and a notice is dead-lettered
/// at its first failed attempt, so the cycle's first notice to 林芝市 fails at once; <see cref="OperationsServer.WriteContactsAsync"/>
/// with no party left out is the fix an administrator makes before resending it. Shared by the notices and sanctions
/// test classes (<see cref="NoticesCollection"/>).</summary>
public sealed class NoticesServer : OperationsServer
{
    public const string UnreachableParty = "nyingchi";

    protected override IReadOnlyList<string> Unreachable => [UnreachableParty];

    protected override void Configure(Dictionary<string, string> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        environment["Notifications__Delivery__MaxAttempts"] = "1";
    }
}
