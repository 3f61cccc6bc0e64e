using System.CommandLine;

namespace Reduction.Cli.Assess;

/// <summary>`reduction assess`: evaluates assessment cases from a JSON file.</summary>
internal static class AssessCommand
{
    public static Command Create() => new("assess", "按考核办法评定各地市的年度考核结果 / Evaluate assessment cases.");
}
