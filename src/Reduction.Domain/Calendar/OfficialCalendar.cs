using System.Collections.Immutable;

namespace Reduction.Domain.Calendar;

/// <summary>
/// Working days in Beijing time: the State Council's yearly arrangement, a Tibet-wide regional layer and
/// per-prefecture overrides. For a date the first layer that lists it decides: prefecture override, then
/// regional, then national; otherwise Monday-Friday work and weekends are off. Layers can be extended at
/// run time; reads see one consistent snapshot and never block. Arrangements kept by administrators come in whole
/// years through <see cref="ApplyStored"/>, on top of what the calendar was built with.
/// </summary>
public sealed class OfficialCalendar
{
    private const string NationalResource = "Reduction.Domain.Data.cn-national-holidays.json";
    private const string RegionalResource = "Reduction.Domain.Data.tibet-regional-holidays.json";

    private static readonly Lazy<Snapshot> DefaultSnapshot = new(LoadDefaultSnapshot);

    private readonly Lock _writeLock = new();
    private volatile Snapshot _snapshot;

    // What the calendar was built with (shipped data, files, Add* calls) and the stored years applied on top of it;
    // _snapshot is always Apply(_base, _stored).
    private Snapshot _base;
    private StoredCalendar _stored = StoredCalendar.Empty;

    /// <summary>An empty calendar: every date is an error until a national year is added.</summary>
    public OfficialCalendar()
        : this(Snapshot.Empty)
    {
    }

    private OfficialCalendar(Snapshot snapshot) => (_base, _snapshot) = (snapshot, snapshot);

    /// <summary>The years with a national arrangement, ascending.</summary>
    public IReadOnlyList<int> NationalYears => [.. _snapshot.National.Keys.Order()];

    /// <summary>A new calendar with the shipped national (2010-2026) and Tibet regional data; additions stay in that instance.</summary>
    public static OfficialCalendar LoadDefault() => new(DefaultSnapshot.Value);

    /// <summary>Adds or replaces a whole national year, as the State Council announces it each November-December.</summary>
    public void AddNationalYear(YearArrangement year) => Update(s => s with { National = s.National.SetItem(year.Year, year) });

    /// <summary>Adds or replaces every year of a data file in the national layer.</summary>
    public void AddNationalYears(HolidayArrangement arrangement) =>
        Update(s => s with { National = s.National.SetItems(arrangement.Years.Select(y => KeyValuePair.Create(y.Year, y))) });

    /// <summary>Adds Tibet-wide days; a date already in the regional layer takes the newer entry.</summary>
    public void AddRegional(YearArrangement year) => AddRegional(new HolidayArrangement([year]));

    /// <inheritdoc cref="AddRegional(YearArrangement)"/>
    public void AddRegional(HolidayArrangement arrangement) =>
        Update(s => s with { Regional = Merge(s.Regional, arrangement) });

    /// <summary>Adds days for one calendar key (a prefecture's party id); a date already overridden takes the newer entry.</summary>
    public void AddOverride(string calendarKey, YearArrangement year) => AddOverride(calendarKey, new HolidayArrangement([year]));

    /// <inheritdoc cref="AddOverride(string, YearArrangement)"/>
    public void AddOverride(string calendarKey, HolidayArrangement arrangement)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(calendarKey);
        Update(s => s with
        {
            Overrides = s.Overrides.SetItem(
                calendarKey,
                Merge(s.Overrides.GetValueOrDefault(calendarKey, ImmutableDictionary<DateOnly, Decision>.Empty), arrangement)),
        });
    }

    /// <summary>The stored arrangements last applied (<see cref="ApplyStored"/>).</summary>
    public StoredCalendar Stored => _stored;

    /// <summary>The year's national arrangement in force, or null when the year has none.</summary>
    public YearArrangement? NationalYear(int year) => _snapshot.National.GetValueOrDefault(year);

    /// <summary>Whether the year has a national arrangement (without one its working days are unknown).</summary>
    public bool HasNationalYear(int year) => _snapshot.National.ContainsKey(year);

    /// <summary>
    /// Replaces the stored layers with <paramref name="stored"/>, as a whole: each stored national year replaces that
    /// year of the built-in national layer (not merged); a stored regional year replaces every built-in regional entry
    /// of that year, and a stored prefecture year every built-in entry of that key and year. A year applied earlier and
    /// no longer in <paramref name="stored"/> falls back to the built-in data.
    /// </summary>
    public void ApplyStored(StoredCalendar stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        lock (_writeLock)
        {
            _stored = stored;
            _snapshot = Apply(_base, stored);
        }
    }

    /// <summary>How the date is decided for the calendar key: working or not, which layer decided and the holiday's name.</summary>
    /// <exception cref="CalendarDataMissingException">The date's year has no national arrangement.</exception>
    public CalendarDay Explain(DateOnly date, string? calendarKey = null) => _snapshot.Explain(date, calendarKey);

    /// <summary>Whether the date is a working day for the calendar key (null: the region-wide calendar).</summary>
    /// <exception cref="CalendarDataMissingException">The date's year has no national arrangement.</exception>
    public bool IsWorkingDay(DateOnly date, string? calendarKey = null) => _snapshot.IsWorkingDay(date, calendarKey);

    /// <summary>
    /// The date <paramref name="workingDays"/> working days after <paramref name="date"/> (before it when negative),
    /// not counting <paramref name="date"/> itself. Zero gives <see cref="NextWorkingDayOnOrAfter"/>.
    /// </summary>
    /// <exception cref="CalendarDataMissingException">A day walked over lies in a year without national data.</exception>
    public DateOnly AddWorkingDays(DateOnly date, int workingDays, string? calendarKey = null)
    {
        var snapshot = _snapshot;
        if (workingDays == 0)
        {
            return snapshot.NextWorkingDayOnOrAfter(date, calendarKey);
        }

        var step = Math.Sign(workingDays);
        var remaining = Math.Abs((long)workingDays);
        var current = date;
        while (remaining > 0)
        {
            current = current.AddDays(step);
            if (snapshot.IsWorkingDay(current, calendarKey))
            {
                remaining--;
            }
        }

        return current;
    }

    /// <summary>The number of working days from <paramref name="from"/> to <paramref name="to"/>, both included; 0 when from is after to.</summary>
    /// <exception cref="CalendarDataMissingException">A day of the range lies in a year without national data.</exception>
    public int CountWorkingDays(DateOnly from, DateOnly to, string? calendarKey = null) => WorkingDays(from, to, calendarKey).Count;

    /// <summary>The working days from <paramref name="from"/> to <paramref name="to"/>, both included, ascending; empty when from is after to.</summary>
    /// <exception cref="CalendarDataMissingException">A day of the range lies in a year without national data.</exception>
    public IReadOnlyList<DateOnly> WorkingDays(DateOnly from, DateOnly to, string? calendarKey = null)
    {
        var snapshot = _snapshot;
        var days = new List<DateOnly>();

        // Day numbers rather than AddDays, so a range ending on DateOnly.MaxValue cannot overflow.
        for (var dayNumber = from.DayNumber; dayNumber <= to.DayNumber; dayNumber++)
        {
            var day = DateOnly.FromDayNumber(dayNumber);
            if (snapshot.IsWorkingDay(day, calendarKey))
            {
                days.Add(day);
            }
        }

        return days;
    }

    /// <summary>The date itself when it is a working day, else the next working day.</summary>
    /// <exception cref="CalendarDataMissingException">A day looked at lies in a year without national data.</exception>
    public DateOnly NextWorkingDayOnOrAfter(DateOnly date, string? calendarKey = null) =>
        _snapshot.NextWorkingDayOnOrAfter(date, calendarKey);

    private void Update(Func<Snapshot, Snapshot> change)
    {
        lock (_writeLock)
        {
            _base = change(_base);
            _snapshot = Apply(_base, _stored);
        }
    }

    private static Snapshot Apply(Snapshot built, StoredCalendar stored)
    {
        if (stored.IsEmpty)
        {
            return built;
        }

        var national = built.National.SetItems(stored.National.Select(y => KeyValuePair.Create(y.Year, y)));
        var regional = Merge(WithoutYears(built.Regional, stored.Regional.Select(y => y.Year)), new HolidayArrangement(stored.Regional));
        var overrides = built.Overrides;
        foreach (var (key, years) in stored.Overrides)
        {
            var layer = WithoutYears(overrides.GetValueOrDefault(key, ImmutableDictionary<DateOnly, Decision>.Empty), years.Select(y => y.Year));
            overrides = overrides.SetItem(key, Merge(layer, new HolidayArrangement(years)));
        }

        return new Snapshot(national, regional, overrides);
    }

    private static ImmutableDictionary<DateOnly, Decision> WithoutYears(ImmutableDictionary<DateOnly, Decision> layer, IEnumerable<int> years)
    {
        var set = years.ToHashSet();
        return set.Count == 0 ? layer : layer.RemoveRange(layer.Keys.Where(d => set.Contains(d.Year)));
    }

    private static ImmutableDictionary<DateOnly, Decision> Merge(ImmutableDictionary<DateOnly, Decision> layer, HolidayArrangement arrangement) =>
        layer.SetItems(arrangement.Years.SelectMany(year =>
            year.DaysOff.Select(d => KeyValuePair.Create(d.Key, new Decision(false, d.Value)))
                .Concat(year.WorkingDays.Select(d => KeyValuePair.Create(d.Key, new Decision(true, d.Value))))));

    private static Snapshot LoadDefaultSnapshot()
    {
        var calendar = new OfficialCalendar();
        calendar.AddNationalYears(HolidayArrangement.Parse(ReadResource(NationalResource)));
        calendar.AddRegional(HolidayArrangement.Parse(ReadResource(RegionalResource)));
        return calendar._snapshot;
    }

    private static string ReadResource(string name)
    {
        using var stream = DomainAssembly.Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"missing embedded resource {name}");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>A regional or prefecture entry: working day or not, and the holiday it concerns.</summary>
    private readonly record struct Decision(bool Working, string Name);

    /// <summary>Immutable state; writers replace it whole, so a read never sees half an update.</summary>
    /// <param name="National">National arrangements by year; a year's absence means "unknown", not "no holidays".</param>
    /// <param name="Regional">Tibet-wide decisions.</param>
    /// <param name="Overrides">Decisions per calendar key.</param>
    private sealed record Snapshot(
        ImmutableDictionary<int, YearArrangement> National,
        ImmutableDictionary<DateOnly, Decision> Regional,
        ImmutableDictionary<string, ImmutableDictionary<DateOnly, Decision>> Overrides)
    {
        public static Snapshot Empty { get; } = new(
            ImmutableDictionary<int, YearArrangement>.Empty,
            ImmutableDictionary<DateOnly, Decision>.Empty,
            ImmutableDictionary.Create<string, ImmutableDictionary<DateOnly, Decision>>(StringComparer.Ordinal));

        public bool IsWorkingDay(DateOnly date, string? calendarKey)
        {
            if (!National.TryGetValue(date.Year, out var national))
            {
                throw new CalendarDataMissingException(date.Year);
            }

            if (calendarKey is not null
                && Overrides.TryGetValue(calendarKey, out var prefecture)
                && prefecture.TryGetValue(date, out var overridden))
            {
                return overridden.Working;
            }

            if (Regional.TryGetValue(date, out var regional))
            {
                return regional.Working;
            }

            return national.Decides(date) ?? date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);
        }

        public CalendarDay Explain(DateOnly date, string? calendarKey)
        {
            if (!National.TryGetValue(date.Year, out var national))
            {
                throw new CalendarDataMissingException(date.Year);
            }

            if (calendarKey is not null
                && Overrides.TryGetValue(calendarKey, out var prefecture)
                && prefecture.TryGetValue(date, out var overridden))
            {
                return new CalendarDay(date, overridden.Working, CalendarLayer.Prefecture, overridden.Name);
            }

            if (Regional.TryGetValue(date, out var regional))
            {
                return new CalendarDay(date, regional.Working, CalendarLayer.Regional, regional.Name);
            }

            if (national.DaysOff.TryGetValue(date, out var holiday))
            {
                return new CalendarDay(date, false, CalendarLayer.National, holiday);
            }

            if (national.WorkingDays.TryGetValue(date, out var adjusted))
            {
                return new CalendarDay(date, true, CalendarLayer.National, adjusted);
            }

            return new CalendarDay(date, date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday), CalendarLayer.Week, null);
        }

        public DateOnly NextWorkingDayOnOrAfter(DateOnly date, string? calendarKey)
        {
            var day = date;
            while (!IsWorkingDay(day, calendarKey))
            {
                day = day.AddDays(1);
            }

            return day;
        }
    }
}
