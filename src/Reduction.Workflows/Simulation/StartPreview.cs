namespace Reduction.Workflows.Simulation;

/// <summary>What starting a cycle year at <see cref="StartAt"/> does at once (<see cref="CycleSimulator.PreviewStartAsync"/>).</summary>
/// <param name="TasksIssued">Tasks issued at once.</param>
/// <param name="TasksOverdue">Of those, tasks already past their deadline, and marked overdue at once.</param>
/// <param name="TasksDueInGrace">Tasks past their due instant but still within their grace (not yet overdue).</param>
/// <param name="RemindersSkipped">Reminders whose moment had passed when their task was issued: not sent.</param>
/// <param name="EscalationsLate">Escalation steps whose moment had passed: sent at once, each saying it is sent late
/// and naming its original instant.</param>
/// <param name="Notices">Notices queued at once, by template.</param>
/// <param name="Events">The timeline up to the start instant, as <c>reduction simulate</c> prints it.</param>
public sealed record StartPreview(
    int Year,
    DateTimeOffset StartAt,
    int TasksIssued,
    int TasksOverdue,
    int TasksDueInGrace,
    int RemindersSkipped,
    int EscalationsLate,
    IReadOnlyDictionary<string, int> Notices,
    IReadOnlyList<SimulationEvent> Events,
    string CycleStatus)
{
    /// <summary>Whether the start is late: something would be overdue, skipped or sent late.</summary>
    public bool IsLate => TasksOverdue + TasksDueInGrace + RemindersSkipped + EscalationsLate > 0;
}
