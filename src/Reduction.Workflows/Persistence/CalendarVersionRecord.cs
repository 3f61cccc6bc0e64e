namespace Reduction.Workflows.Persistence;

/// <summary>One saved change of a calendar arrangement (table `calendar_versions`, append-only): who, when and what.
/// The highest <see cref="Id"/> is the calendar's version counter: a process that has applied it is up to date.</summary>
public sealed class CalendarVersionRecord
{
    public long Id { get; set; }

    public CalendarLayerKind Layer { get; set; }

    public required string CalendarKey { get; set; }

    public int Year { get; set; }

    public int Version { get; set; }

    /// <summary>The year as saved, in the data-file format.</summary>
    public required string Json { get; set; }

    public string? Source { get; set; }

    /// <summary>How it came: `api`, `console`, `import` or `cli`, with a file name for imports.</summary>
    public string? Via { get; set; }

    public required string ChangedBy { get; set; }

    public DateTimeOffset ChangedAt { get; set; }
}
