namespace Reduction.Workflows.Activities;

/// <summary>The designer's editor kinds for inputs.</summary>
public static class InputHints
{
    public const string Text = "text";
    public const string Multiline = "multiline";
    public const string Expression = "expression";
    public const string Template = "template";
    public const string DeadlineRule = "deadline-rule";
    public const string Roles = "roles";
    public const string Parties = "parties";
    public const string Number = "number";
    public const string Checkbox = "checkbox";
    public const string Select = "select";
    public const string Json = "json";
    public const string Duration = "duration";
    public const string Workflow = "workflow";

    /// <summary>The name of a notice kind under templates/ (a folder with notice.json).</summary>
    public const string NoticeTemplate = "notice-template";

    /// <summary>A task's reminders: rows of offset before the due date, time of day and template.</summary>
    public const string Reminders = "reminders";

    /// <summary>A task's escalation chain: rows of offset after the due date, recipient roles, template and action.</summary>
    public const string Escalation = "escalation";
}
