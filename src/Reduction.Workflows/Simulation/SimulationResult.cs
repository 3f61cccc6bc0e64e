using Reduction.Domain.Sanctions;

namespace Reduction.Workflows.Simulation;

/// <summary>A simulated year: the timeline, each prefecture's verdict, and the sanctions recorded.</summary>
public sealed record SimulationResult(
    int Year,
    IReadOnlyList<SimulationEvent> Events,
    IReadOnlyList<SimulationVerdict> Results,
    IReadOnlyList<Sanction> Sanctions,
    string CycleStatus);
