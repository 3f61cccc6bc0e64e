namespace Reduction.Workflows.Activities.Tasks;

/// <summary>A step of the escalation chain after the due instant: `after` is a calendar rule relative to the due date
/// (`days:+0` = the moment the task becomes late, `workdays:+3`), in the assignee's calendar.</summary>
/// <param name="RecipientRoles">Roles notified, e.g. `epb`, `supervision`, `government`.</param>
/// <param name="IncludeAssignee">Whether the late party gets the notice too.</param>
/// <param name="Action">`none`, `reassign` (hand the task to <paramref name="ReassignTo"/>) or `cancel`.</param>
public sealed record EscalationStep(
    string After,
    IReadOnlyList<string> RecipientRoles,
    string Template = "escalation",
    bool IncludeAssignee = false,
    string At = "09:00",
    string Action = "none",
    string? ReassignTo = null);
