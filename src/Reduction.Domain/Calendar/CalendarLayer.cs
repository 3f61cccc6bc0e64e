namespace Reduction.Domain.Calendar;

/// <summary>Which layer of the <see cref="OfficialCalendar"/> decides a date.</summary>
public enum CalendarLayer
{
    /// <summary>No layer lists the date: Monday to Friday work, weekends off.</summary>
    Week,

    /// <summary>The State Council's arrangement of the year.</summary>
    National,

    /// <summary>The Tibet-wide regional holidays.</summary>
    Regional,

    /// <summary>One prefecture's own holidays (its calendar key).</summary>
    Prefecture,
}
