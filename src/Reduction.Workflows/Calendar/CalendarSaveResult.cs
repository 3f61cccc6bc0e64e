using Reduction.Workflows.Persistence;

namespace Reduction.Workflows.Calendar;

/// <summary>What saving one year of one layer did.</summary>
/// <param name="Version">The arrangement's version after the save (unchanged when <paramref name="Changed"/> is false).</param>
/// <param name="Changed">False when the stored year was already exactly this (no version row is added).</param>
public sealed record CalendarSaveResult(CalendarLayerKind Layer, string? CalendarKey, int Year, int Version, bool Changed);
