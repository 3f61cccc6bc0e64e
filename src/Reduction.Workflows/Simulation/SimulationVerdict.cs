namespace Reduction.Workflows.Simulation;

/// <summary>A prefecture's approved verdict (`pass` or `fail`), by its name in the assessed year.</summary>
public sealed record SimulationVerdict(string PrefectureId, string Prefecture, string Verdict);
