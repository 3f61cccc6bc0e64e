using Reduction.Workflows.Simulation;

namespace Reduction.Server.Workflows;

/// <summary>One line of a rehearsed year's timeline, in the fields of `reduction simulate --format json`.</summary>
public sealed record RehearsalEvent(DateTimeOffset At, string Kind, string? Notice, string? Task, string? Party, IReadOnlyList<string>? RecipientRoles, string? Detail)
{
    public static RehearsalEvent From(SimulationEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return new(e.At, e.Kind, e.Notice, e.Task, e.Party, e.RecipientRoles, e.Detail);
    }
}
