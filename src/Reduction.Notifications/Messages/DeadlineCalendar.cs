using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using Reduction.Notifications.Templates;

namespace Reduction.Notifications.Messages;

/// <summary>The deadline of a task as an iCalendar file (RFC 5545) attached to task notices, so recipients can put
/// it in their calendars. Times are UTC, which every client converts; the text says Beijing time.</summary>
public static class DeadlineCalendar
{
    /// <summary>Whether a notice of this kind with this model carries the calendar: the kind asks for it and the
    /// model has the task's `due_at`.</summary>
    public static bool AppliesTo(NoticeKind kind, JsonObject model) =>
        kind.Calendar && model["due_at"] is JsonValue due && due.TryGetValue<string>(out _);

    /// <summary>The calendar of a rendered task notice: summary from `task_title`, the deadline from `due_at`.</summary>
    public static byte[] ForNotice(JsonObject model, RenderedNotice notice, DateTimeOffset stamp, string domain)
    {
        var dueText = model["due_at"]!.GetValue<string>();
        var dueAt = DateTimeOffset.Parse(dueText, CultureInfo.InvariantCulture);
        var taskId = model["task_id"] is JsonValue id && Guid.TryParse(id.ToString(), out var parsed) ? parsed : Guid.Empty;
        var title = model["task_title"]?.ToString() ?? notice.Subject;
        var description = new StringBuilder()
            .Append(notice.Subject).Append('\n')
            .Append("报送期限：北京时间").Append(TemplateFunctions.DeadlineText(dueText)).Append('\n');
        if (notice.Envelope.Number is { } number)
        {
            description.Append("文号：").Append(number).Append('\n');
        }

        if (notice.Envelope.Link is { } link)
        {
            description.Append("填报链接：").Append(link.Url).Append('\n');
        }

        return Create(taskId, $"报送期限：{title}", description.ToString().TrimEnd(), dueAt, stamp, domain);
    }

    /// <summary>A one-event calendar: the event sits at the last on-time instant, with an alarm a day before.
    /// The UID is the task's, so reminders update one event instead of adding more; DTSTAMP is the notice's
    /// creation, so a re-sent notice carries the same file.</summary>
    public static byte[] Create(Guid taskId, string summary, string description, DateTimeOffset dueAt, DateTimeOffset stamp, string domain)
    {
        var calendar = new Ical.Net.Calendar { Method = "PUBLISH" };
        var due = new CalDateTime(dueAt.UtcDateTime, "UTC");
        var calendarEvent = new CalendarEvent
        {
            Uid = $"task-{taskId:N}@{domain}",
            Summary = summary,
            Description = description,
            DtStart = due,
            DtEnd = due,
            DtStamp = new CalDateTime(stamp.UtcDateTime, "UTC"),
            Sequence = 0,
        };
        calendarEvent.Alarms.Add(new Alarm { Action = "DISPLAY", Description = summary, Trigger = new Trigger(Duration.FromDays(-1)) });
        calendar.Events.Add(calendarEvent);
        return Encoding.UTF8.GetBytes(new CalendarSerializer().SerializeToString(calendar) ?? string.Empty);
    }
}
