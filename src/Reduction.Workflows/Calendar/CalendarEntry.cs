using Reduction.Domain.Calendar;
using Reduction.Workflows.Persistence;

namespace Reduction.Workflows.Calendar;

/// <summary>One stored year of one layer, or one of its versions: the arrangement and who saved it when.</summary>
/// <param name="CalendarKey">The prefecture's party id; null for the national and regional layers.</param>
/// <param name="Via">How it came (`api`, `console`, `import FILE`, `cli FILE`); null on current entries.</param>
public sealed record CalendarEntry(
    CalendarLayerKind Layer,
    string? CalendarKey,
    int Year,
    int Version,
    YearArrangement Arrangement,
    string? Source,
    string? Via,
    string ChangedBy,
    DateTimeOffset ChangedAt);
