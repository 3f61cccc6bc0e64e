using System.Globalization;
using System.Text.Json.Nodes;
using Reduction.Domain.Calendar;
using Reduction.Workflows.Persistence;

namespace Reduction.Testing;

/// <summary>
/// A cycle year's rows written straight into the database, as the engine leaves them, for reads at a size or a state
/// no played cycle reaches quickly: the <c>annual-cycle:{year}</c> instance with the EPB's self-check, three
/// departments' data, six reviews and the government's approval; per prefecture an annual-plan child (its plan and the
/// EPB's review), an assessment-data child, an assessment-result child (the supervision's measures) and a lift of its
/// sanctions (a re-verification, started on its own with the year). The prefecture's tasks take turns by its index:
/// submitted on time, submitted late (one escalation step sent), overdue (two sent), open, returned. Each task has
/// three notices (one pending, one sent, one failed for every fifth).
/// </summary>
public static class CycleYearRows
{
    /// <summary>The states in the order the prefectures take them.</summary>
    public static IReadOnlyList<string> Rotation { get; } = ["submitted", "submitted-late", "overdue", "open", "returned"];

    /// <summary>Writes the year's rows as of <paramref name="now"/> (after the year's 31 March, so that the plans and the
    /// data are due before it; open tasks are due a few days after it) and returns how many tasks it wrote.</summary>
    public static async Task<int> InsertAsync(WorkflowDatabase database, int year, IReadOnlyList<string> prefectures, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(prefectures);
        now = now.ToUniversalTime();
        var rows = new Rows(now);
        var root = rows.Instance("annual-cycle", null, $"annual-cycle:{year.ToString(CultureInfo.InvariantCulture)}", year);
        rows.Task(root, "selfCheck", "self-check", "epb", Due(year, 2, 28), "submitted");
        foreach (var department in new[] { "public-security", "agriculture", "statistics" })
        {
            rows.Task(root, "departmentData", "department-data", department, Due(year, 3, 31), "submitted");
        }

        foreach (var body in new[] { "epb", "drc", "supervision", "public-security", "agriculture", "statistics" })
        {
            rows.Task(root, "review", "department-review", body, now.AddDays(3), "open");
        }

        rows.Task(root, "approval", "government-approval", "government", Due(year, 4, 30), "open");
        for (var i = 0; i < prefectures.Count; i++)
        {
            var prefecture = prefectures[i];
            var state = Rotation[i % Rotation.Count];
            var plan = rows.Instance("annual-plan", root, null, year);
            rows.Task(plan, "plan", "annual-plan", prefecture, Due(year, 3, 15), state);
            rows.Task(plan, "review", "plan-review", "epb", now.AddDays(2), "open");
            var data = rows.Instance("assessment-data", root, null, year);
            rows.Task(data, "data", "assessment-data", prefecture, Due(year, 3, 31), state == "returned" ? "open" : state);
            var result = rows.Instance("assessment-result", root, null, year);
            rows.Task(result, "measures", "supervision-measures", "supervision", now.AddDays(10), "open");
            var lift = rows.Instance("lift-sanctions", null, null, year);
            rows.Task(lift, "verify", "re-verification", "epb", now.AddDays(8), "open");
        }

        await using var db = database.CreateContext();
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        db.Instances.AddRange(rows.Instances);
        db.Tasks.AddRange(rows.Tasks);
        db.TaskSubmissions.AddRange(rows.Submissions);
        db.Timers.AddRange(rows.Timers);
        db.Notices.AddRange(rows.Notices);
        db.Journal.AddRange(rows.Journal);
        await db.SaveChangesAsync(cancellationToken);
        return rows.Tasks.Count;
    }

    private static DateTimeOffset Due(int year, int month, int day) => BeijingTime.EndOfDay(new DateOnly(year, month, day)).ToUniversalTime();

    private sealed class Rows(DateTimeOffset now)
    {
        public List<InstanceRecord> Instances { get; } = [];

        public List<TaskRecord> Tasks { get; } = [];

        public List<TaskSubmissionRecord> Submissions { get; } = [];

        public List<TimerRecord> Timers { get; } = [];

        public List<NoticeRecord> Notices { get; } = [];

        public List<JournalRecord> Journal { get; } = [];

        public InstanceRecord Instance(string definitionId, InstanceRecord? parent, string? correlationKey, int year)
        {
            var instance = new InstanceRecord
            {
                Id = Guid.CreateVersion7(),
                DefinitionId = definitionId,
                DefinitionVersion = 1,
                Status = InstanceStatus.Running,
                StateJson = new JsonObject { ["variables"] = new JsonObject { ["year"] = year } }.ToJsonString(),
                ParentInstanceId = parent?.Id,
                ParentBookmarkId = parent is null ? null : Guid.CreateVersion7(),
                CorrelationKey = correlationKey,
                CreatedAt = now.AddDays(-60),
                UpdatedAt = now,
            };
            Instances.Add(instance);
            return instance;
        }

        public void Task(InstanceRecord instance, string activityId, string kind, string party, DateTimeOffset due, string state)
        {
            if (state is "open" or "returned" && due <= now)
            {
                due = BeijingTime.EndOfDay(BeijingTime.DateOf(now).AddDays(5)).ToUniversalTime(); // still open: due ahead
            }

            var lateFrom = due.AddSeconds(1);
            var task = new TaskRecord
            {
                Id = Guid.CreateVersion7(),
                InstanceId = instance.Id,
                ActivityId = activityId,
                BookmarkId = Guid.CreateVersion7(),
                Kind = kind,
                Title = $"{kind}（{party}）",
                AssigneePartyId = party,
                Status = state switch
                {
                    "submitted" or "submitted-late" => TaskState.Submitted,
                    "overdue" => TaskState.Overdue,
                    _ => TaskState.Open,
                },
                DueAt = due,
                LateFrom = lateFrom,
                CalendarKey = party,
                SubmittedLate = state == "submitted-late",
                CreatedAt = now.AddDays(-50).AddTicks(Tasks.Count),
            };
            Tasks.Add(task);
            if (state is "submitted" or "submitted-late" or "returned")
            {
                var at = state == "submitted-late" ? lateFrom.AddDays(2) : state == "returned" ? now.AddDays(-3) : due.AddDays(-3);
                task.Revisions = 1;
                Submissions.Add(new TaskSubmissionRecord { Id = Guid.CreateVersion7(), TaskId = task.Id, Revision = 1, SubmittedAt = at, SubmittedBy = party, DataJson = "{}", Late = state == "submitted-late" });
            }

            if (state == "returned")
            {
                Journal.Add(new JournalRecord { InstanceId = instance.Id, At = now.AddDays(-1), ActivityId = activityId, Event = "task-returned", Message = "退回修改", DataJson = new JsonObject { ["taskId"] = task.Id.ToString() }.ToJsonString() });
            }

            var escalations = state switch { "submitted-late" => 1, "overdue" => 2, _ => 0 };
            for (var step = 0; step < 3; step++)
            {
                var fired = step < escalations;
                Timers.Add(new TimerRecord
                {
                    Id = Guid.CreateVersion7(),
                    InstanceId = instance.Id,
                    BookmarkId = task.BookmarkId,
                    TaskId = task.Id,
                    Purpose = "escalation",
                    DueAt = lateFrom.AddDays(step * 3),
                    Status = fired ? TimerStatus.Fired : TimerStatus.Cancelled, // no pending timer: a running server must not fire them
                    PayloadJson = new JsonObject { ["step"] = step }.ToJsonString(),
                    FiredAt = fired ? lateFrom.AddDays(step * 3) : null,
                    CreatedAt = task.CreatedAt,
                });
            }

            for (var n = 0; n < 3; n++)
            {
                var status = n switch { 0 => NoticeStatus.Sent, 1 => Tasks.Count % 5 == 0 ? NoticeStatus.DeadLetter : NoticeStatus.Sent, _ => NoticeStatus.Pending };
                Notices.Add(new NoticeRecord
                {
                    Id = Guid.CreateVersion7(),
                    IdempotencyKey = $"{task.Id:N}:bench:{n}",
                    TemplateKey = n == 0 ? "task-issued" : "reminder",
                    ModelJson = "{}",
                    RecipientRolesJson = "[]",
                    RecipientPartiesJson = $"[\"{party}\"]",
                    InstanceId = instance.Id,
                    TaskId = task.Id,
                    CreatedAt = task.CreatedAt,
                    Status = status,
                    SentAt = status == NoticeStatus.Sent ? task.CreatedAt : null,
                    NextAttemptAt = status == NoticeStatus.Pending ? now.AddYears(1) : null, // a running server leaves it waiting
                });
            }
        }
    }
}
