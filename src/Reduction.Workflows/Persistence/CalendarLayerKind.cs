namespace Reduction.Workflows.Persistence;

/// <summary>The layer a stored calendar arrangement belongs to.</summary>
public enum CalendarLayerKind
{
    /// <summary>The State Council's arrangement of a year (days off and adjusted working days).</summary>
    National,

    /// <summary>Tibet-wide holidays (藏历新年, 雪顿节) with their adjusted days.</summary>
    Regional,

    /// <summary>One prefecture's own holidays; the calendar key is the prefecture's party id.</summary>
    Prefecture,
}
