using System.CommandLine;

namespace Reduction.Cli.Calendar;

/// <summary>`reduction calendar`: official deadlines and working days.</summary>
internal static class CalendarCommand
{
    public static Command Create() => new("calendar", "法定期限与工作日 / Official deadlines and working days.")
    {
        DeadlineCommand.Create(),
        WorkdaysCommand.Create(),
    };
}
