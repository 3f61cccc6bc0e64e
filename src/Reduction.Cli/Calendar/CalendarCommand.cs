using System.CommandLine;

namespace Reduction.Cli.Calendar;

/// <summary>`reduction calendar`: official deadlines and working days.</summary>
internal static class CalendarCommand
{
    public static Command Create() => new("calendar", "法定期限与工作日，导入节假日安排 / Official deadlines and working days; import holiday arrangements.")
    {
        DeadlineCommand.Create(),
        WorkdaysCommand.Create(),
        CalendarImportCommand.Create(),
    };
}
