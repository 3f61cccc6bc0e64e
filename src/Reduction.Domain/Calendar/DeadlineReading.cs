namespace Reduction.Domain.Calendar;

/// <summary>How "X月X日前" is read; no law settles it, so it is a setting.</summary>
public enum DeadlineReading
{
    /// <summary>The due day is included: on time until 23:59:59 Beijing time of that day (the default).</summary>
    InclusiveEndOfDay,

    /// <summary>"Before the day": late from 00:00:00 Beijing time of the due day.</summary>
    StartOfDay,
}
