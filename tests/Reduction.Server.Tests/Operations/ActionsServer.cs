using Reduction.Server.Tests.Console;

namespace Reduction.Server.Tests.Operations;

/// <summary>The real server for the tests built on <see cref="TwoPartyWorkflow"/>: as <see cref="ConsoleServer"/>
/// (administrators by password alone), on the drill clock from 1 December 2026 08:00 Beijing time, so the workflow's
/// deadline of 15 December 2026 and its reminder of the 10th stay ahead of the clock whatever day the tests run.</summary>
public sealed class ActionsServer : ConsoleServer
{
    public const string ClockStart = "2026-12-01T08:00:00+08:00";

    protected override bool RequireTwoFactorForAdmins => false;

    protected override Task ConfigureAsync(Dictionary<string, string> environment)
    {
        environment["Clock__Start"] = ClockStart;
        return Task.CompletedTask;
    }
}
