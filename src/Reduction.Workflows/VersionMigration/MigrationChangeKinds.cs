namespace Reduction.Workflows.VersionMigration;

/// <summary>The codes of <see cref="MigrationChange.Kind"/>.</summary>
public static class MigrationChangeKinds
{
    /// <summary>A waiting activity moves to a target activity of another id (by the mapping).</summary>
    public const string ActivityMapped = "activity-mapped";

    /// <summary>A waiting activity other than a task keeps its bookmark and timers as they are.</summary>
    public const string WaitKept = "wait-kept";

    /// <summary>A task is kept: same id, links and submissions.</summary>
    public const string TaskKept = "task-kept";

    /// <summary>The task's due instant is recomputed from the target's rule and differs.</summary>
    public const string DueChanged = "due-changed";

    /// <summary>The recomputed due instant has passed: the task turns overdue at once (as a task issued late would).</summary>
    public const string DuePassed = "due-passed";

    /// <summary>An overdue task whose new deadline is still ahead is open again; the overdue branch that ran is not run again.</summary>
    public const string OverdueLifted = "overdue-lifted";

    public const string ReminderRecomputed = "reminder-recomputed";

    public const string ReminderAdded = "reminder-added";

    public const string ReminderRemoved = "reminder-removed";

    /// <summary>A reminder not yet sent whose new instant has passed (or is not before the deadline): not sent late.</summary>
    public const string ReminderSkipped = "reminder-skipped";

    /// <summary>A reminder step already sent stays sent, whatever its new rule says.</summary>
    public const string ReminderAlreadySent = "reminder-already-sent";

    public const string EscalationRecomputed = "escalation-recomputed";

    public const string EscalationAdded = "escalation-added";

    public const string EscalationRemoved = "escalation-removed";

    /// <summary>An escalation step not yet sent whose new instant has passed: sent at once after the move.</summary>
    public const string EscalationDueNow = "escalation-due-now";

    /// <summary>An escalation step already sent stays sent.</summary>
    public const string EscalationAlreadySent = "escalation-already-sent";
}
