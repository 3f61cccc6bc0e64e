namespace Reduction.Domain.Calendar;

/// <summary>A resolved deadline: a due date read in Beijing time.</summary>
public sealed record Deadline(DateOnly DueDate, DeadlineReading Reading = DeadlineReading.InclusiveEndOfDay)
{
    /// <summary>The last on-time second, 23:59:59+08:00 (of the due date, or of the day before under <see cref="DeadlineReading.StartOfDay"/>).</summary>
    public DateTimeOffset DueInstant => BeijingTime.EndOfDay(LastOnTimeDate);

    /// <summary>The first late instant, 00:00:00+08:00 of the day after the last on-time day.</summary>
    public DateTimeOffset LateFrom => BeijingTime.StartOfDay(LastOnTimeDate.AddDays(1));

    private DateOnly LastOnTimeDate => Reading == DeadlineReading.StartOfDay ? DueDate.AddDays(-1) : DueDate;

    /// <summary>Whether a submission at that instant (any offset) meets the deadline.</summary>
    public bool IsOnTime(DateTimeOffset submittedAt) => submittedAt < LateFrom;
}
