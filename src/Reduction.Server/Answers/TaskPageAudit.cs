using Reduction.Workflows.Auditing;

namespace Reduction.Server.Answers;

/// <summary>
/// Audit entries of the task pages. Whoever holds a task's link acts for the task's party, so the actor is
/// `link:PARTY` with the client's address; the token itself is a credential and never enters the log. Reads are
/// recorded when they show an answer or a file (confidential under art. 13), answers in the transaction that stores
/// them.
/// </summary>
internal static class TaskPageAudit
{
    public static AuditEntry Entry(HttpContext http, TaskView view, string action, string targetKind, string targetId, string outcome = AuditOutcomes.Success, string? detail = null) =>
        new AuditActor("link:" + view.Task.AssigneePartyId, view.Task.AssigneePartyId, http.Connection.RemoteIpAddress?.ToString())
            .Entry(action, targetKind, targetId, outcome, detail);

    /// <summary>Records a read after its answer: the outcome follows the status the page answered with.</summary>
    public static Task ReadAsync(HttpContext http, TaskView view, string action, string targetKind, string targetId, bool found) =>
        http.RequestServices.GetRequiredService<AuditLog>()
            .AppendAsync(Entry(http, view, action, targetKind, targetId, found ? AuditOutcomes.Success : AuditOutcomes.Denied), CancellationToken.None);
}
