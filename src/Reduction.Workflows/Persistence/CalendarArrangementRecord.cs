namespace Reduction.Workflows.Persistence;

/// <summary>One year of one calendar layer as administrators keep it (table `calendar_arrangements`); it replaces the
/// same year of the shipped data when applied. Each change also leaves a <see cref="CalendarVersionRecord"/>.</summary>
public sealed class CalendarArrangementRecord
{
    public CalendarLayerKind Layer { get; set; }

    /// <summary>The prefecture's party id for <see cref="CalendarLayerKind.Prefecture"/>; empty for the other layers.</summary>
    public required string CalendarKey { get; set; }

    public int Year { get; set; }

    /// <summary>The year in the data-file format: <c>{"holidays": {date: name}, "workdays": {date: name}}</c>.</summary>
    public required string Json { get; set; }

    /// <summary>Where the arrangement comes from (the announcing document), as entered.</summary>
    public string? Source { get; set; }

    /// <summary>1 for the first save of this layer, key and year, then one more per change.</summary>
    public int Version { get; set; }

    public required string ChangedBy { get; set; }

    public DateTimeOffset ChangedAt { get; set; }
}
