using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Reduction.Domain.Calendar;
using Reduction.Domain.Parties;
using Reduction.Workflows.Activities.Timing;
using Reduction.Workflows.Execution;
using Reduction.Workflows.Notices;
using Reduction.Workflows.Persistence;

namespace Reduction.Workflows.Activities.Tasks;

[Activity("IssueTask", "任务", "下达任务",
    "向一个或多个单位下达带期限的任务：下达通知、到期前提醒、逾期后逐级督办；全部（或 N 个）单位提交后继续（会签）。",
    Outcomes = ["submitted", "overdue", "cancelled"], Waits = true)]
public sealed class IssueTask : Activity
{
    [Input("任务类型", Description = "表单种类，如 annual-plan、assessment-data、department-review、government-approval", UIHint = InputHints.Text, Required = true)]
    public string TaskKind { get; set; } = "";

    [Input("标题", Description = "可用模板，如 {{ year }}年度减排计划（{{ assignee_name }}）", UIHint = InputHints.Template, Required = true)]
    public string Title { get; set; } = "";

    [Input("承办单位表达式", Description = "单位标识列表，或含 id 的对象列表，如 [item.id] 或 prefectures_on today", UIHint = InputHints.Expression, Required = true)]
    public string Assignees { get; set; } = "";

    [Input("完成方式", Description = "all：全部提交；count：达到“所需数量”即可（会签 N/M）", UIHint = InputHints.Select, Options = ["all", "count"])]
    public string Mode { get; set; } = "all";

    [Input("所需数量", UIHint = InputHints.Number)]
    public int Required { get; set; }

    [Input("期限规则", Description = "如 day:03-15、last-day:02、workdays:+5（相对锚定日）", UIHint = InputHints.DeadlineRule, Required = true)]
    public string Due { get; set; } = "";

    [Input("年份表达式", UIHint = InputHints.Expression)]
    public string Year { get; set; } = "year";

    [Input("锚定日表达式", Description = "workdays/days 期限的起算日，默认今天", UIHint = InputHints.Expression)]
    public string? Anchor { get; set; }

    [Input("提醒", Description = "[{\"offset\": \"workdays:-3\"}, {\"offset\": \"days:-1\"}]", UIHint = InputHints.Reminders)]
    public List<ReminderStep> Reminders { get; set; } = [];

    [Input("督办", Description = "[{\"after\": \"days:+0\", \"recipientRoles\": [\"epb\"], \"template\": \"overdue\", \"includeAssignee\": true}]", UIHint = InputHints.Escalation)]
    public List<EscalationStep> Escalation { get; set; } = [];

    [Input("下达通知模板", UIHint = InputHints.NoticeTemplate)]
    public string? IssueTemplate { get; set; } = "task-issued";

    [Input("回执模板", UIHint = InputHints.NoticeTemplate)]
    public string? ReceiptTemplate { get; set; } = "receipt";

    [Input("回执抄送角色", UIHint = InputHints.Roles)]
    public List<string> ReceiptCopyRoles { get; set; } = [];

    [Input("允许退回", Description = "已提交但本活动仍在等待（如会签中其他单位未提交）时，管理员可将答复退回修改", UIHint = InputHints.Checkbox)]
    public bool AllowReturn { get; set; }

    [Input("结果变量", Description = "各单位最新提交内容存入此变量（按单位标识）", UIHint = InputHints.Text)]
    public string? OutputVariable { get; set; }

    /// <summary>State field: the cycle year the deadlines of this execution were computed for.</summary>
    public const string CycleYearField = "cycleYear";

    /// <summary>State field: the anchor date (yyyy-MM-dd) of relative deadline rules of this execution.</summary>
    public const string AnchorField = "anchor";

    public override async ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var year = WaitUntil.ToInt(context.Evaluate(Year));

        // Every notice of these tasks (issue, reminders, escalations, receipts) cites the measures of the assessed year.
        if (await NoticeMeasures.TitleAsync(context, year - 1) is { } measures)
        {
            context.State[NoticeMeasures.ModelField] = measures;
        }

        var anchor = Anchor is { Length: > 0 }
            ? DateOnly.ParseExact(context.Evaluate(Anchor)!.GetValue<string>()[..10], "yyyy-MM-dd", CultureInfo.InvariantCulture)
            : BeijingTime.DateOf(context.Now);
        var parties = ResolveAssignees(context);
        if (parties.Count == 0)
        {
            throw new InvalidOperationException($"承办单位表达式“{Assignees}”没有得到任何单位 / no assignee");
        }

        // Kept so that a migration to another version recomputes the deadlines from the same year and anchor.
        context.State[CycleYearField] = year;
        context.State[AnchorField] = anchor.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var bookmark = context.CreateBookmark("task", oneShot: false);
        var taskIds = new JsonArray();
        foreach (var party in parties)
        {
            var calendarKey = party.Role == PartyRole.Prefecture ? party.Id : null;
            var deadline = DeadlineFor(year, anchor, calendarKey, context.Calendar);
            var extra = AssigneeModel(context, party);
            var task = context.CreateTask(bookmark, TaskKind, context.Render(Title, extra), party.Id, deadline, calendarKey);
            taskIds.Add(task.Id.ToString());
            ScheduleTaskTimers(context, bookmark, task, deadline, year, calendarKey);
            context.Journal("task-issued", $"向{extra["assignee_name"]}下达任务“{task.Title}”，期限 {Iso(task.DueAt)}", TaskData(task));
            if (IssueTemplate is { Length: > 0 })
            {
                context.SendNotice(new NoticeRequest(IssueTemplate, NoticeModel(context, task, extra), [], [party.Id], $"{task.Id:N}:issued", task.Id));
            }
        }

        context.State["tasks"] = taskIds;
        context.State["submissions"] = new JsonObject();
    }

    public override async ValueTask ResumeAsync(ActivityExecutionContext context, Resumption resumption)
    {
        var tasks = await context.LoadTasksAsync();
        var mine = context.State["tasks"]?.AsArray().Select(t => Guid.Parse(t!.GetValue<string>())).ToHashSet() ?? [];
        tasks = tasks.Where(t => mine.Contains(t.Id)).ToList();
        var task = resumption.TaskId is { } id ? tasks.Find(t => t.Id == id) : null;
        switch (resumption.Kind)
        {
            case "timer" when task is not null:
                OnTimer(context, task, resumption.Payload?.AsObject() ?? []);
                break;
            case "task-submitted" or "task-revised" when task is not null:
                await OnSubmittedAsync(context, task, resumption);
                break;
            case "task-reassigned" when task is not null:
                if (IssueTemplate is { Length: > 0 })
                {
                    var party = context.Parties.GetById(task.AssigneePartyId);
                    var model = NoticeModel(context, task, AssigneeModel(context, party));
                    RememberHandover(context, task, resumption.Payload?["contact"] as JsonObject);
                    AddHandover(context, task, model);

                    // Keyed by the task's version too: a task handed back and forth is issued again each time.
                    context.SendNotice(new NoticeRequest(IssueTemplate, model, [], [party.Id],
                        string.Create(CultureInfo.InvariantCulture, $"{task.Id:N}:issued:{party.Id}:{task.Version}"), task.Id));
                }

                break;
            case "task-cancelled" when task is not null:
                await context.CancelTaskTimersAsync(task.Id);
                if (resumption.Payload?["reason"] is not null)
                {
                    // Cancelled by hand (撤销): the party is told its link no longer opens the task.
                    SendActionNotice(context, task, "task-cancelled", $"{task.Id:N}:cancelled", resumption.Payload);
                }

                break;
            case "task-urged" when task is not null:
                SendActionNotice(context, task, "urge", resumption.Payload?["key"]?.GetValue<string>() ?? $"{task.Id:N}:urge", resumption.Payload);
                break;
            case "task-extended" when task is not null:
                SendActionNotice(context, task, "deadline-extended", string.Create(CultureInfo.InvariantCulture, $"{task.Id:N}:extended:{task.Version}"), resumption.Payload);
                break;
            case "task-returned" when task is not null:
                context.State["submissions"]!.AsObject().Remove(task.ReassignedFromPartyId ?? task.AssigneePartyId);
                SendActionNotice(context, task, "returned", string.Create(CultureInfo.InvariantCulture, $"{task.Id:N}:returned:{task.Revisions}"), resumption.Payload);
                break;
            default:
                context.Journal("ignored", $"忽略恢复事件 {resumption.Kind}");
                return;
        }

        SettleIfDone(context, tasks);
    }

    /// <summary>The notice of an action taken by hand on a task (催办, 延期, 撤销, 退回), to the task's party: the task's
    /// model with the reason the operator gave.</summary>
    private static void SendActionNotice(ActivityExecutionContext context, TaskRecord task, string template, string key, JsonNode? payload)
    {
        var party = context.Parties.GetById(task.AssigneePartyId);
        var model = NoticeModel(context, task, AssigneeModel(context, party));
        var reason = payload?["reason"]?.GetValue<string>() ?? string.Empty;
        model["change_reason"] = reason;
        model["urge_reason"] = reason;
        model["overdue"] = task.Status == TaskState.Overdue;
        model["previous_due_at"] = payload?["from"]?.DeepClone();
        if (template == "returned")
        {
            model["reasons"] = new JsonArray(JsonValue.Create(reason));
            model["resubmit_due_at"] = Iso(task.DueAt);
        }

        AddHandover(context, task, model);
        context.SendNotice(new NoticeRequest(template, model, [], [party.Id], key, task.Id));
    }

    /// <summary>State key of the tasks handed to a named contact of their party (转办 to a contact), by task id.</summary>
    private const string HandoversKey = "handovers";

    /// <summary>Keeps who a task was handed to: a named contact from now on, or nobody (a reassignment to a party, or
    /// back to the whole party).</summary>
    private static void RememberHandover(ActivityExecutionContext context, TaskRecord task, JsonObject? contact)
    {
        if (context.State[HandoversKey] is not JsonObject handovers)
        {
            if (contact is null)
            {
                return;
            }

            context.State[HandoversKey] = handovers = [];
        }

        var id = task.Id.ToString();
        if (contact is null)
        {
            handovers.Remove(id);
        }
        else
        {
            handovers[id] = contact.DeepClone();
        }
    }

    /// <summary>A task handed to a named contact: the notices for the party about it (the new link, reminders, 催办,
    /// 延期, 撤销, 退回) go to that contact's address alone (<see cref="NoticeModelKeys.RecipientContact"/>); escalations,
    /// which go to others as well, do not.</summary>
    private static void AddHandover(ActivityExecutionContext context, TaskRecord task, JsonObject model)
    {
        if (context.State[HandoversKey]?[task.Id.ToString()] is JsonObject contact)
        {
            model[NoticeModelKeys.RecipientContact] = contact.DeepClone();
        }
    }

    private void ScheduleTaskTimers(ActivityExecutionContext context, Persistence.BookmarkRecord bookmark, TaskRecord task, Deadline deadline, int year, string? calendarKey)
    {
        foreach (var timer in PlanTimers(deadline, year, calendarKey, context.Calendar, context.Now))
        {
            if (!timer.Skipped)
            {
                context.ScheduleTimer(bookmark, timer.At, timer.Purpose, timer.Purpose == PlannedTaskTimer.Due ? new JsonObject() : new JsonObject { ["step"] = timer.Step }, task.Id);
            }
            else if (timer.At <= context.Now)
            {
                // A task issued after its reminder's moment (a cycle started late): the reminder is not sent, and the
                // journal says why no reminder came.
                var data = TaskData(task);
                data["step"] = timer.Step + 1;
                data["scheduledAt"] = Iso(timer.At);
                context.Journal(ReminderSkippedEvent, $"第 {timer.Step + 1} 次提醒原定 {Iso(timer.At)}，下达时已过，不再发送", data);
            }
        }
    }

    /// <summary>Journal event of a reminder not sent because its moment had passed when the task was issued.</summary>
    public const string ReminderSkippedEvent = "reminder-skipped";

    /// <summary>How long after its moment an escalation step counts as sent late (补发): longer than any timer's normal
    /// delay, shorter than a day.</summary>
    public static readonly TimeSpan LateEscalationGrace = TimeSpan.FromHours(1);

    /// <summary>The timers of one task with <paramref name="deadline"/>, in the order they are created: reminders
    /// (those already past, or not before the first late instant, marked skipped: a reminder is never sent late), the due
    /// transition, then the escalation steps (never before the first late instant; one already past fires at once).
    /// Issuing and migrating a task both plan with it, so a moved instance has the timers a new one would.</summary>
    public IReadOnlyList<PlannedTaskTimer> PlanTimers(Deadline deadline, int year, string? calendarKey, OfficialCalendar calendar, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(deadline);
        ArgumentNullException.ThrowIfNull(calendar);
        var timers = new List<PlannedTaskTimer>();
        for (var i = 0; i < Reminders.Count; i++)
        {
            var day = DeadlineRule.Parse(Reminders[i].Offset).Resolve(new DeadlineContext(year, deadline.DueDate, calendarKey), calendar).DueDate;
            var at = TimeOfDay.On(day, Reminders[i].At);
            timers.Add(new PlannedTaskTimer(PlannedTaskTimer.Reminder, i, at, Skipped: !(at > now && at < deadline.LateFrom)));
        }

        timers.Add(new PlannedTaskTimer(PlannedTaskTimer.Due, 0, deadline.LateFrom));
        for (var i = 0; i < Escalation.Count; i++)
        {
            var day = DeadlineRule.Parse(Escalation[i].After).Resolve(new DeadlineContext(year, deadline.DueDate, calendarKey), calendar).DueDate;
            var at = TimeOfDay.On(day, Escalation[i].At);
            timers.Add(new PlannedTaskTimer(PlannedTaskTimer.Escalation, i, at < deadline.LateFrom ? deadline.LateFrom : at));
        }

        return timers;
    }

    /// <summary>Idempotency key of a task's reminder notice of step <paramref name="step"/>: sent once, whatever happens to its rule.</summary>
    public static string ReminderKey(Guid taskId, int step) => string.Create(CultureInfo.InvariantCulture, $"{taskId:N}:reminder:{step}");

    /// <summary>Idempotency key of a task's escalation notice of step <paramref name="step"/>.</summary>
    public static string EscalationKey(Guid taskId, int step) => string.Create(CultureInfo.InvariantCulture, $"{taskId:N}:escalation:{step}");

    /// <summary>The deadline of a task for a party's calendar in <paramref name="year"/> from <paramref name="anchor"/>.</summary>
    public Deadline DeadlineFor(int year, DateOnly anchor, string? calendarKey, OfficialCalendar calendar) =>
        DeadlineRule.Parse(Due).Resolve(new DeadlineContext(year, anchor, calendarKey), calendar);

    private void OnTimer(ActivityExecutionContext context, TaskRecord task, JsonObject payload)
    {
        if (task.Status is TaskState.Submitted or TaskState.Cancelled || task.ClosedAt is not null)
        {
            return;
        }

        var party = context.Parties.GetById(task.AssigneePartyId);
        var extra = AssigneeModel(context, party);
        var purpose = payload["purpose"]?.GetValue<string>();
        var step = payload["step"]?.GetValue<int>() ?? 0;
        switch (purpose)
        {
            case PlannedTaskTimer.Reminder:
                var model = NoticeModel(context, task, extra);
                AddHandover(context, task, model);
                context.SendNotice(new NoticeRequest(Reminders[step].Template, model, [], [party.Id], ReminderKey(task.Id, step), task.Id));
                context.Journal("reminder", $"提醒{extra["assignee_name"]}：距期限还有 {model["days_left"]} 天（{model["working_days_left"]} 个工作日）", TaskData(task));
                break;
            case PlannedTaskTimer.Due:
                task.Status = TaskState.Overdue;
                task.Version++;
                context.Journal("task-overdue", $"{extra["assignee_name"]}的任务“{task.Title}”已逾期（期限 {Iso(task.DueAt)}）", TaskData(task));
                if (context.State["overdueEmitted"] is null)
                {
                    context.State["overdueEmitted"] = true;
                    context.EmitOutcome("overdue");
                }

                break;
            case PlannedTaskTimer.Escalation:
                var escalation = Escalation[step];
                var notice = NoticeModel(context, task, extra);
                notice["escalation_step"] = step + 1;
                notice["late_days"] = (BeijingTime.DateOf(context.Now).DayNumber - BeijingTime.DateOf(task.DueAt).DayNumber);
                notice["rule"] = escalation.After;
                var scheduled = payload["dueAt"]?.GetValue<string>() is { } due ? DateTimeOffset.Parse(due, CultureInfo.InvariantCulture) : context.Now;
                var sentLate = context.Now - scheduled > LateEscalationGrace;
                notice["escalation_scheduled_at"] = Iso(scheduled);
                notice["sent_late"] = sentLate;
                context.SendNotice(new NoticeRequest(escalation.Template, notice, escalation.RecipientRoles,
                    escalation.IncludeAssignee ? [party.Id] : [], EscalationKey(task.Id, step), task.Id));
                var notified = escalation.RecipientRoles.Concat(escalation.IncludeAssignee ? [PartyRoles.ToCode(party.Role)] : []).Distinct(StringComparer.Ordinal).ToList();
                var data = TaskData(task);
                data["step"] = step + 1;
                data["scheduledAt"] = Iso(scheduled);
                data["sentLate"] = sentLate;
                data["recipientRoles"] = new JsonArray(notified.Select(r => (JsonNode?)JsonValue.Create(r)).ToArray());
                var today = BeijingTime.DateOf(context.Now);
                var told = escalation.RecipientRoles.Select(r => context.Parties.RoleNameOn(r, today))
                    .Concat(escalation.IncludeAssignee ? [party.NameOn(today).Name] : [])
                    .Distinct(StringComparer.Ordinal);
                context.Journal("escalation", $"督办第 {step + 1} 级{(sentLate ? $"（补发，原定 {Iso(scheduled)}）" : string.Empty)}：{extra["assignee_name"]}的任务“{task.Title}”逾期，通知{string.Join("、", told)}", data);
                ApplyEscalationAction(context, task, escalation);
                break;
            default:
                break;
        }
    }

    private void ApplyEscalationAction(ActivityExecutionContext context, TaskRecord task, EscalationStep escalation)
    {
        switch (escalation.Action)
        {
            case "reassign" when escalation.ReassignTo is { Length: > 0 } target:
                var to = context.Parties.FindByName(target) ?? throw new InvalidOperationException($"未知单位“{target}”");
                task.ReassignedFromPartyId = task.AssigneePartyId;
                task.AssigneePartyId = to.Id;
                task.Version++;
                context.Journal("task-reassigned", $"任务“{task.Title}”转由 {to.NameOn(BeijingTime.DateOf(context.Now)).Name} 办理", TaskData(task));

                // The party taking over learns of it as of any task (and gets the link), as on a reassignment by hand.
                if (IssueTemplate is { Length: > 0 })
                {
                    context.SendNotice(new NoticeRequest(IssueTemplate, NoticeModel(context, task, AssigneeModel(context, to)), [], [to.Id], $"{task.Id:N}:issued:{to.Id}", task.Id));
                }

                break;
            case "cancel":
                task.Status = TaskState.Cancelled;
                task.ClosedAt = context.Now;
                task.Version++;
                context.Journal("task-cancelled", $"任务“{task.Title}”按督办规则取消", TaskData(task));
                break;
            default:
                break;
        }
    }

    private async Task OnSubmittedAsync(ActivityExecutionContext context, TaskRecord task, Resumption resumption)
    {
        var submissions = context.State["submissions"]!.AsObject();
        // Keyed by the party the task was issued for: a silent prefecture's data filled in by the EPB is still that prefecture's.
        submissions[task.ReassignedFromPartyId ?? task.AssigneePartyId] = resumption.Payload?["data"]?.DeepClone();
        if (resumption.Kind == "task-revised")
        {
            return;
        }

        await context.CancelTaskTimersAsync(task.Id);
        if (ReceiptTemplate is { Length: > 0 })
        {
            var party = context.Parties.GetById(task.AssigneePartyId);
            var model = NoticeModel(context, task, AssigneeModel(context, party));
            model["submitted_at"] = Iso(context.Now);
            model["late"] = task.SubmittedLate;
            // A task returned for revision and submitted again gets a receipt for that submission as well.
            var key = task.Revisions <= 1 ? $"{task.Id:N}:receipt" : string.Create(CultureInfo.InvariantCulture, $"{task.Id:N}:receipt:{task.Revisions}");
            context.SendNotice(new NoticeRequest(ReceiptTemplate, model, ReceiptCopyRoles, [party.Id], key, task.Id));
        }
    }

    private void SettleIfDone(ActivityExecutionContext context, List<TaskRecord> tasks)
    {
        var live = tasks.Where(t => t.Status != TaskState.Cancelled).ToList();
        var submitted = live.Count(t => t.Status == TaskState.Submitted);
        var needed = Mode == "count" ? Math.Max(1, Required) : live.Count;
        if (live.Count == 0)
        {
            Close(context, tasks);
            context.Complete("cancelled");
        }
        else if (submitted >= needed)
        {
            if (OutputVariable is { Length: > 0 })
            {
                context.Variables[OutputVariable] = context.State["submissions"]!.DeepClone();
            }

            Close(context, tasks);
            context.Complete("submitted");
        }
    }

    private static void Close(ActivityExecutionContext context, List<TaskRecord> tasks)
    {
        foreach (var task in tasks.Where(t => t.ClosedAt is null))
        {
            task.ClosedAt = context.Now;
            if (task.Status is TaskState.Open or TaskState.Overdue)
            {
                task.Status = TaskState.Cancelled;
            }

            task.Version++;
        }
    }

    private List<Party> ResolveAssignees(ActivityExecutionContext context)
    {
        var value = context.Evaluate(Assignees);
        var items = value switch
        {
            JsonArray array => array.ToList(),
            null => [],
            _ => [value],
        };
        var result = new List<Party>();
        foreach (var item in items)
        {
            var key = item switch
            {
                JsonObject o => o["id"]?.GetValue<string>(),
                JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
                _ => null,
            };
            if (key is null)
            {
                continue;
            }

            var party = context.Parties.FindByName(key);
            if (party is null && PartyRoles.TryParse(key, out var role))
            {
                result.AddRange(context.Parties.WithRole(role).Take(1));
                continue;
            }

            result.Add(party ?? throw new InvalidOperationException($"未知单位“{key}” / unknown party '{key}'"));
        }

        return result.DistinctBy(p => p.Id).ToList();
    }

    private static JsonObject AssigneeModel(ActivityExecutionContext context, Party party)
    {
        var name = party.NameOn(BeijingTime.DateOf(context.Now));
        return new JsonObject
        {
            ["assignee"] = party.Id,
            ["assignee_name"] = name.Name,
            ["assignee_issuing_body"] = name.IssuingBody,
            ["assignee_role"] = PartyRoles.ToCode(party.Role),
        };
    }

    private static JsonObject NoticeModel(ActivityExecutionContext context, TaskRecord task, JsonObject extra)
    {
        var today = BeijingTime.DateOf(context.Now);
        var dueDate = BeijingTime.DateOf(task.DueAt);
        var model = (JsonObject)extra.DeepClone();
        model["task_id"] = task.Id.ToString();
        model["task_kind"] = task.Kind;
        model["task_title"] = task.Title;
        model["due_at"] = Iso(task.DueAt);
        model["due_date"] = dueDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        model["days_left"] = Math.Max(0, dueDate.DayNumber - today.DayNumber);
        model["working_days_left"] = dueDate > today ? context.Calendar.CountWorkingDays(today.AddDays(1), dueDate, task.CalendarKey) : 0;
        model["year"] = context.Variables["year"]?.DeepClone();
        if (context.State[NoticeMeasures.ModelField] is { } measures)
        {
            model[NoticeMeasures.ModelField] = measures.DeepClone();
        }

        return model;
    }

    private static JsonObject TaskData(TaskRecord task) => new()
    {
        ["taskId"] = task.Id.ToString(),
        ["kind"] = task.Kind,
        ["party"] = task.AssigneePartyId,
        ["dueAt"] = Iso(task.DueAt),
        ["status"] = task.Status.ToString(),
    };

    private static string Iso(DateTimeOffset instant) => WorkflowFunctions.Iso(instant);
}
