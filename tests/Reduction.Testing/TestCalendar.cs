namespace Reduction.Testing;

/// <summary>A test-only calendar file with plain weekends for the years after the shipped national data, so tests that
/// run on the real clock keep working after the last shipped year (configure it as `Calendar:NationalArrangementFiles:0`).</summary>
public static class TestCalendar
{
    public static string FutureYearsFile { get; } = Path.Combine(AppContext.BaseDirectory, "Data", "test-calendar-future.json");
}
