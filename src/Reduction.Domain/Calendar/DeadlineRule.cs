using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Reduction.Domain.Calendar;

/// <summary>
/// A deadline as written in workflow definitions: <c>day:MM-DD</c>, <c>last-day:MM</c>, <c>workdays:+N</c> /
/// <c>workdays:-N</c>, <c>days:+N</c> / <c>days:-N</c>, each optionally followed by <c> roll-forward</c>.
/// <see cref="ToString"/> gives the canonical text, which <see cref="Parse"/> reads back.
/// </summary>
public abstract record DeadlineRule
{
    private const string RollForwardSuffix = " roll-forward";

    private protected DeadlineRule()
    {
    }

    /// <summary>When the computed day is not a working day in the context's calendar, move to the next working day.</summary>
    public bool RollForward { get; init; }

    /// <summary>The rule's text without the roll-forward suffix.</summary>
    private protected abstract string Body { get; }

    /// <exception cref="FormatException">The text is not a rule; the message names it and the expected forms.</exception>
    public static DeadlineRule Parse(string text) =>
        TryParse(text, out var rule, out var error) ? rule : throw new FormatException(error);

    public static bool TryParse([NotNullWhen(true)] string? text, [NotNullWhen(true)] out DeadlineRule? rule) =>
        TryParse(text, out rule, out _);

    /// <summary>The due date for the context; the calendar is consulted only by working-day counts and roll-forward.</summary>
    /// <exception cref="ArgumentException">The context lacks what the rule needs (an anchor, or a 29 February).</exception>
    /// <exception cref="CalendarDataMissingException">The calendar has no national data for a day it must decide.</exception>
    public Deadline Resolve(DeadlineContext context, OfficialCalendar calendar)
    {
        var dueDate = DueDate(context, calendar);
        if (RollForward)
        {
            dueDate = calendar.NextWorkingDayOnOrAfter(dueDate, context.CalendarKey);
        }

        return new Deadline(dueDate, context.Reading);
    }

    public sealed override string ToString() => RollForward ? Body + RollForwardSuffix : Body;

    private protected abstract DateOnly DueDate(DeadlineContext context, OfficialCalendar calendar);

    private protected DateOnly AnchorOf(DeadlineContext context) =>
        context.Anchor ?? throw new ArgumentException(
            $"期限规则“{this}”需要起算日期 / deadline rule '{this}' needs an anchor date", nameof(context));

    private static bool TryParse(
        string? text,
        [NotNullWhen(true)] out DeadlineRule? rule,
        [NotNullWhen(false)] out string? error)
    {
        var body = text?.Trim() ?? string.Empty;
        var rollForward = body.EndsWith(RollForwardSuffix, StringComparison.Ordinal);
        if (rollForward)
        {
            body = body[..^RollForwardSuffix.Length];
        }

        var colon = body.IndexOf(':', StringComparison.Ordinal);
        var argument = colon < 0 ? string.Empty : body[(colon + 1)..];
        var (parsed, problem) = (colon < 0 ? body : body[..colon]) switch
        {
            "day" => ParseMonthDay(argument),
            "last-day" => ParseMonth(argument),
            "workdays" => ParseOffset(argument, n => new WorkingDaysOffsetRule(n)),
            "days" => ParseOffset(argument, n => new CalendarDaysOffsetRule(n)),
            _ => default,
        };
        if (parsed is null)
        {
            rule = null;
            error = $"无法解析期限规则“{text}”{(problem is { } zh ? $"（{zh.Chinese}）" : string.Empty)}："
                + "应为 day:MM-DD、last-day:MM、workdays:+N、workdays:-N、days:+N 或 days:-N，可后接“ roll-forward” / "
                + $"cannot parse deadline rule '{text}'{(problem is { } en ? $" ({en.English})" : string.Empty)}: "
                + "expected day:MM-DD, last-day:MM, workdays:+N, workdays:-N, days:+N or days:-N, optionally followed by ' roll-forward'";
            return false;
        }

        rule = parsed with { RollForward = rollForward };
        error = null;
        return true;
    }

    private static (DeadlineRule? Rule, Problem? Problem) ParseMonthDay(string argument)
    {
        if (argument.Length != 5 || argument[2] != '-' || !TryTwoDigits(argument[..2], out var month) || !TryTwoDigits(argument[3..], out var day))
        {
            return default;
        }

        if (month is < 1 or > 12)
        {
            return (null, InvalidMonth(month));
        }

        // 2000 is a leap year, so 02-29 parses; resolving it in a common year is an error.
        return day < 1 || day > DateTime.DaysInMonth(2000, month)
            ? (null, new Problem($"{month}月没有{day}日", $"month {month} has no day {day}"))
            : (new FixedDateRule(month, day), null);
    }

    private static (DeadlineRule? Rule, Problem? Problem) ParseMonth(string argument)
    {
        if (!TryTwoDigits(argument, out var month))
        {
            return default;
        }

        return month is < 1 or > 12 ? (null, InvalidMonth(month)) : (new LastDayOfMonthRule(month), null);
    }

    private static (DeadlineRule? Rule, Problem? Problem) ParseOffset(string argument, Func<int, DeadlineRule> create)
    {
        var digits = argument.Length > 1 ? argument[1..] : string.Empty;

        // No leading zeros and no "-0", so the canonical text is the only spelling of a number.
        if (argument.Length < 2
            || argument[0] is not ('+' or '-')
            || !digits.All(char.IsAsciiDigit)
            || (digits.Length > 1 && digits[0] == '0')
            || argument == "-0")
        {
            return default;
        }

        if (!int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var magnitude))
        {
            return (null, new Problem($"天数 {digits} 过大", $"{digits} days is too large"));
        }

        return (create(argument[0] == '-' ? -magnitude : magnitude), null);
    }

    private static Problem InvalidMonth(int month) => new($"月份 {month} 无效", $"invalid month {month}");

    private static bool TryTwoDigits(string text, out int value)
    {
        value = 0;
        if (text.Length != 2 || !char.IsAsciiDigit(text[0]) || !char.IsAsciiDigit(text[1]))
        {
            return false;
        }

        value = ((text[0] - '0') * 10) + (text[1] - '0');
        return true;
    }

    /// <summary>Why an otherwise well-shaped rule was rejected.</summary>
    private readonly record struct Problem(string Chinese, string English);
}
