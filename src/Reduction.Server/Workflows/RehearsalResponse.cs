using Reduction.Domain.Sanctions;
using Reduction.Workflows.Simulation;

namespace Reduction.Server.Workflows;

/// <summary>`POST /api/workflows/{id}/rehearsal`: the draft's simulated year as `reduction simulate` gives it, and
/// its differences against the published version's year.</summary>
public sealed record RehearsalResponse(
    int Year,
    string CycleStatus,
    IReadOnlyList<RehearsalEvent> Events,
    IReadOnlyList<SimulationVerdict> Results,
    IReadOnlyList<Sanction> Sanctions,
    IReadOnlyList<RehearsalDifference> Differences);
