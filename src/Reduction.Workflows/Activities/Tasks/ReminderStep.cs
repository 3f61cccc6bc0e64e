namespace Reduction.Workflows.Activities.Tasks;

/// <summary>A reminder before the due date: `offset` is a calendar rule relative to the due date
/// (`workdays:-10`, `days:-1`), counted in the assignee's calendar; sent at `at` Beijing time.</summary>
public sealed record ReminderStep(string Offset, string At = "09:00", string Template = "reminder");
