namespace Reduction.Workflows.Simulation;

/// <summary>An invalid scenario, naming the JSON path.</summary>
public sealed class SimulationScenarioException(string path, string message, string englishMessage)
    : Exception($"场景无效 {path}：{message} / invalid scenario at {path}: {englishMessage}")
{
    public string Path { get; } = path;
}
