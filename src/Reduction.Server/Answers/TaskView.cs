using System.Text.Json.Nodes;
using Reduction.Domain.Calendar;
using Reduction.Domain.Parties;
using Reduction.Server.Answers.Forms;
using Reduction.Workflows.Persistence;

namespace Reduction.Server.Answers;

/// <summary>Everything a task page shows: the task, its assignee, every revision of its answer and its form.</summary>
public sealed record TaskView(
    string Token,
    TaskRecord Task,
    Party Party,
    IReadOnlyList<TaskSubmissionRecord> Submissions,
    TaskFormContext FormContext,
    TaskForm Form,
    DateTimeOffset Now)
{
    public string PartyName => Party.NameOn(BeijingTime.DateOf(Now)).Name;

    public bool IsClosed => Task.ClosedAt is not null || Task.Status == TaskState.Cancelled;

    /// <summary>Submitted and still open: a further revision is possible.</summary>
    public bool CanRevise => !IsClosed && Task.Status == TaskState.Submitted;

    public bool CanAnswer => !IsClosed;

    public string BasePath => $"/t/{Token}";

    public TaskSubmissionRecord? Latest => Submissions.Count > 0 ? Submissions[^1] : null;

    public JsonObject? DataOf(TaskSubmissionRecord submission) => JsonNode.Parse(submission.DataJson) as JsonObject;
}
