using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Reduction.Domain.Calendar;
using Reduction.Domain.Parties;
using Reduction.Workflows.Definitions;
using Reduction.Workflows.Notices;
using Reduction.Workflows.Persistence;
using Reduction.Workflows.PlanPeriods;
using Reduction.Workflows.Scheduling;

namespace Reduction.Workflows.Execution;

/// <summary>What an activity sees and may do during one execution or resumption. Everything it creates
/// (bookmarks, timers, tasks, notices, child starts, journal entries) is buffered and written in the burst's
/// transaction only if the activity returns normally.</summary>
public sealed class ActivityExecutionContext
{
    private readonly Burst _burst;
    private readonly ActivityState _state;

    internal ActivityExecutionContext(Burst burst, ActivityNode node, ActivityState state, string? arrivedFrom)
    {
        _burst = burst;
        Node = node;
        _state = state;
        ArrivedFrom = arrivedFrom;
    }

    public ActivityNode Node { get; }

    /// <summary>The activity whose outcome led here (Join uses it).</summary>
    public string? ArrivedFrom { get; }

    public Guid InstanceId => _burst.Instance.Id;

    public string DefinitionId => _burst.Instance.DefinitionId;

    public int DefinitionVersion => _burst.Instance.DefinitionVersion;

    public WorkflowDefinition Definition => _burst.Definition;

    public JsonObject Variables => _burst.State.Variables;

    /// <summary>This activity's own persisted state for the current execution.</summary>
    public JsonObject State => _state.Data;

    /// <summary>How many times the activity has been entered (1 on the first pass); part of idempotency keys in loops.</summary>
    public int Execution => _state.Executions;

    public InstanceState InstanceState => _burst.State;

    public DateTimeOffset Now => _burst.Now;

    public OfficialCalendar Calendar => _burst.Runtime.Calendar;

    public PartyDirectory Parties => _burst.Runtime.Parties;

    public PlanPeriodStore PlanPeriods => _burst.Runtime.PlanPeriods;

    /// <summary>The emission ledger, when the host has one.</summary>
    public Ledger.IAssessmentLedger? Ledger => _burst.Runtime.Ledger;

    public CancellationToken CancellationToken => _burst.CancellationToken;

    internal List<string> Outcomes { get; } = [];

    internal List<string> EmittedOutcomes { get; } = [];

    internal bool IsCompleted { get; private set; }

    internal bool EndsInstance { get; private set; }

    internal List<BookmarkRecord> NewBookmarks { get; } = [];

    internal List<TimerRecord> NewTimers { get; } = [];

    internal List<TaskRecord> NewTasks { get; } = [];

    internal List<NoticeRecord> NewNotices { get; } = [];

    internal List<EffectRecord> NewEffects { get; } = [];

    internal List<JournalRecord> NewJournal { get; } = [];

    internal List<SanctionRecord> NewSanctions { get; } = [];

    /// <summary>A stable prefix for idempotency keys of this execution: `{instance}:{activity}:{execution}`.</summary>
    public string EffectKey => string.Create(CultureInfo.InvariantCulture, $"{InstanceId:N}:{Node.Id}:{Execution}");

    /// <summary>Ends the activity; its successors on each outcome run next (Fork passes several).</summary>
    public void Complete(params string[] outcomes)
    {
        IsCompleted = true;
        Outcomes.AddRange(outcomes.Length == 0 ? ["done"] : outcomes);
    }

    /// <summary>Whether a branch still running or waiting can reach this activity (Join's `all`).</summary>
    public bool CanStillArrive() => _burst.CanStillReach(Node.Id);

    /// <summary>Ends the activity without running any successor.</summary>
    public void Absorb()
    {
        IsCompleted = true;
        Outcomes.Clear();
    }

    /// <summary>Runs the successors of <paramref name="outcome"/> now while this activity keeps waiting
    /// (IssueTask's `overdue`).</summary>
    public void EmitOutcome(string outcome) => EmittedOutcomes.Add(outcome);

    /// <summary>Completes the whole instance (End): other waiting branches are cancelled.</summary>
    public void EndInstance()
    {
        Complete();
        Outcomes.Clear();
        EndsInstance = true;
    }

    public BookmarkRecord CreateBookmark(string kind, string? key = null, JsonNode? payload = null, bool oneShot = true)
    {
        var bookmark = new BookmarkRecord
        {
            Id = Guid.CreateVersion7(),
            InstanceId = InstanceId,
            ActivityId = Node.Id,
            Kind = kind,
            Key = key,
            PayloadJson = payload?.ToJsonString(),
            OneShot = oneShot,
            CreatedAt = Now,
        };
        NewBookmarks.Add(bookmark);
        return bookmark;
    }

    public TimerRecord ScheduleTimer(BookmarkRecord bookmark, DateTimeOffset dueAt, string purpose, JsonNode? payload = null, Guid? taskId = null)
    {
        var timer = new TimerRecord
        {
            Id = TimerOrder.NewId(),
            InstanceId = InstanceId,
            BookmarkId = bookmark.Id,
            DueAt = dueAt.ToUniversalTime(),
            Status = TimerStatus.Pending,
            Purpose = purpose,
            PayloadJson = payload?.ToJsonString(),
            TaskId = taskId,
            CreatedAt = Now,
        };
        NewTimers.Add(timer);
        return timer;
    }

    public TaskRecord CreateTask(BookmarkRecord bookmark, string kind, string title, string assigneePartyId, Deadline deadline, string? calendarKey)
    {
        var task = new TaskRecord
        {
            Id = Guid.CreateVersion7(),
            InstanceId = InstanceId,
            ActivityId = Node.Id,
            BookmarkId = bookmark.Id,
            Kind = kind,
            Title = title,
            AssigneePartyId = assigneePartyId,
            Status = TaskState.Open,
            DueAt = deadline.DueInstant.ToUniversalTime(),
            LateFrom = deadline.LateFrom.ToUniversalTime(),
            CalendarKey = calendarKey,
            CreatedAt = Now,
        };
        NewTasks.Add(task);
        return task;
    }

    /// <summary>Queues a notice in the outbox (same transaction as the burst).</summary>
    public void SendNotice(NoticeRequest request)
    {
        NewNotices.Add(new NoticeRecord
        {
            Id = Guid.CreateVersion7(),
            IdempotencyKey = request.IdempotencyKey,
            TemplateKey = request.TemplateKey,
            ModelJson = request.Model.ToJsonString(),
            RecipientRolesJson = JsonSerializer.Serialize(request.RecipientRoles),
            RecipientPartiesJson = JsonSerializer.Serialize(request.RecipientParties),
            InstanceId = InstanceId,
            TaskId = request.TaskId,
            CreatedAt = Now,
            Status = NoticeStatus.Pending,
            NextAttemptAt = Now,
        });
        Journal("notice-queued", NoticeQueuedText(request), new JsonObject
        {
            ["template"] = request.TemplateKey,
            ["idempotencyKey"] = request.IdempotencyKey,
            ["recipientRoles"] = new JsonArray(request.RecipientRoles.Select(r => (JsonNode?)JsonValue.Create(r)).ToArray()),
            ["recipientParties"] = new JsonArray(request.RecipientParties.Select(r => (JsonNode?)JsonValue.Create(r)).ToArray()),
            ["taskId"] = request.TaskId?.ToString(),
        });
    }

    // The template key stays in the entry's data; the text names the recipients as users know them that day.
    private string NoticeQueuedText(NoticeRequest request)
    {
        var today = BeijingTime.DateOf(Now);
        var recipients = request.RecipientParties.Select(p => Parties.FindById(p)?.NameOn(today).Name ?? p)
            .Concat(request.RecipientRoles.Select(r => Parties.RoleNameOn(r, today)))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        var about = request.Model["task_title"] is JsonValue title && title.TryGetValue<string>(out var text) ? $"（任务“{text}”）" : string.Empty;
        return recipients.Count == 0 ? $"通知已排队{about}" : $"通知已排队{about}，致{string.Join("、", recipients)}";
    }

    /// <summary>Starts a child instance once (by <paramref name="idempotencyKey"/>); when it ends, <paramref name="resume"/> is resumed with kind `child-completed`.</summary>
    public void StartChild(string definitionId, JsonObject variables, string idempotencyKey, BookmarkRecord resume)
    {
        NewEffects.Add(new EffectRecord
        {
            Id = Guid.CreateVersion7(),
            Kind = EffectKinds.StartChild,
            IdempotencyKey = idempotencyKey,
            PayloadJson = new JsonObject
            {
                ["definitionId"] = definitionId,
                ["variables"] = variables.DeepClone(),
                ["parentInstanceId"] = InstanceId.ToString(),
                ["parentBookmarkId"] = resume.Id.ToString(),
                ["correlationKey"] = idempotencyKey,
            }.ToJsonString(),
            Status = EffectStatus.Pending,
            CreatedAt = Now,
        });
    }

    /// <summary>Hands the figures an assessment used to the emission ledger once this burst has committed (an outbox
    /// effect, so a crash in between loses nothing; recording them twice changes nothing).</summary>
    public void RecordLedger(int year, IReadOnlyList<Ledger.LedgerFigures> figures)
    {
        ArgumentNullException.ThrowIfNull(figures);
        NewEffects.Add(new EffectRecord
        {
            Id = Guid.CreateVersion7(),
            Kind = EffectKinds.RecordLedger,
            IdempotencyKey = $"ledger:{InstanceId}:{Guid.CreateVersion7()}",
            PayloadJson = new JsonObject
            {
                ["year"] = year,
                ["figures"] = new JsonArray(figures.Select(f => (JsonNode?)new JsonObject
                {
                    ["prefecture"] = f.PrefectureId,
                    ["pollutant"] = f.Pollutant,
                    ["sectors"] = new JsonObject(f.Sectors.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)JsonValue.Create(kv.Value)))),
                    ["source"] = f.Source,
                    ["changedBy"] = f.ChangedBy,
                    ["reason"] = f.Reason,
                }).ToArray()),
            }.ToJsonString(),
            Status = EffectStatus.Pending,
            CreatedAt = Now,
        });
    }

    /// <summary>Records a veto sanction (once per idempotency key) in this burst's transaction.</summary>
    public void RecordSanction(SanctionRecord sanction) => NewSanctions.Add(sanction);

    /// <summary>Sanctions of a prefecture (all years), freshest state, tracked for changes.</summary>
    public Task<List<SanctionRecord>> LoadSanctionsAsync(string prefectureId) => _burst.LoadSanctionsAsync(prefectureId);

    /// <summary>Tasks created by this activity in this instance (all executions), freshest state.</summary>
    public Task<List<TaskRecord>> LoadTasksAsync() => _burst.LoadTasksAsync(Node.Id);

    /// <summary>Cancels pending timers created for a task (e.g. reminders once it is answered).</summary>
    public Task CancelTaskTimersAsync(Guid taskId) => _burst.CancelTaskTimersAsync(taskId);

    public void Journal(string eventName, string message, JsonNode? data = null) =>
        NewJournal.Add(new JournalRecord
        {
            InstanceId = InstanceId,
            At = Now,
            ActivityId = Node.Id,
            Event = eventName,
            Message = message,
            DataJson = data?.ToJsonString(),
        });

    /// <summary>Evaluates an expression over the variables (plus `now`, `instance_id`).</summary>
    public JsonNode? Evaluate(string expression) => _burst.Runtime.Expressions.Evaluate(expression, ExpressionModel(), _burst.Runtime.ExpressionFunctions);

    public bool EvaluateBoolean(string expression) => _burst.Runtime.Expressions.EvaluateBoolean(expression, ExpressionModel(), _burst.Runtime.ExpressionFunctions);

    /// <summary>Renders a text template over the variables.</summary>
    public string Render(string template) => Render(template, null);

    /// <summary>Renders a text template over the variables plus <paramref name="extra"/> values (e.g. the assignee).</summary>
    public string Render(string template, JsonObject? extra)
    {
        var model = ExpressionModel();
        foreach (var (name, value) in extra ?? [])
        {
            model[name] = value?.DeepClone();
        }

        return _burst.Runtime.Expressions.Render(template, model, _burst.Runtime.ExpressionFunctions);
    }

    /// <summary>Renders every string inside a JSON value (templates in models and inputs).</summary>
    public JsonNode? RenderJson(JsonNode? node) => node switch
    {
        JsonObject o => new JsonObject(o.Select(kv => KeyValuePair.Create(kv.Key, RenderJson(kv.Value)))),
        JsonArray a => new JsonArray(a.Select(RenderJson).ToArray()),
        JsonValue v when v.GetValueKind() == JsonValueKind.String => JsonValue.Create(Render(v.GetValue<string>())),
        _ => node?.DeepClone(),
    };

    private JsonObject ExpressionModel()
    {
        var model = (JsonObject)Variables.DeepClone();
        model["now"] = BeijingTime.ToBeijing(Now).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
        model["today"] = BeijingTime.DateOf(Now).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        model["instance_id"] = InstanceId.ToString();
        return model;
    }
}
