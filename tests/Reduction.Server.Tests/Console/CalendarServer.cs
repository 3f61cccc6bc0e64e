namespace Reduction.Server.Tests.Console;

/// <summary>The real server for the calendar's browser test: as <see cref="ConsoleServer"/>, with administrators signing
/// in by password alone, and with the national calendar as shipped (2010-2026): without the test years past 2026 the
/// other server tests configure, so 2027 has no arrangement until one is entered.</summary>
public sealed class CalendarServer : ConsoleServer
{
    protected override bool RequireTwoFactorForAdmins => false;

    protected override Task ConfigureAsync(Dictionary<string, string> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        environment.Remove("Calendar__NationalArrangementFiles__0");
        return Task.CompletedTask;
    }
}
