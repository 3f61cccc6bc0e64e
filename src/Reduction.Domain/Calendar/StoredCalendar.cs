namespace Reduction.Domain.Calendar;

/// <summary>
/// The arrangements administrators keep (in the database), in whole years per layer: each replaces the same year of
/// the calendar's built-in layer when applied (<see cref="OfficialCalendar.ApplyStored"/>).
/// </summary>
/// <param name="National">State Council years; at most one per year.</param>
/// <param name="Regional">Tibet-wide years; at most one per year.</param>
/// <param name="Overrides">Per calendar key (a prefecture's party id), its years; at most one per key and year.</param>
public sealed record StoredCalendar(
    IReadOnlyList<YearArrangement> National,
    IReadOnlyList<YearArrangement> Regional,
    IReadOnlyDictionary<string, IReadOnlyList<YearArrangement>> Overrides)
{
    public static StoredCalendar Empty { get; } = new([], [], new Dictionary<string, IReadOnlyList<YearArrangement>>());

    public bool IsEmpty => National.Count == 0 && Regional.Count == 0 && Overrides.Count == 0;
}
