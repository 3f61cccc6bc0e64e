using System.CommandLine;
using Reduction.Cli.Workflows;
using Reduction.Domain.Parties;
using Reduction.Workflows.Hosting;

namespace Reduction.Cli.Simulation;

/// <summary>`--parties`: the party directory a command runs on, as the server's `Parties:Directory`; the option wins over
/// the environment variable `REDUCTION_Parties__Directory`, and without either it is the shipped Tibet directory.</summary>
internal static class PartiesOption
{
    public const string EnvironmentVariable = StoreOptions.EnvironmentPrefix + PartyDirectoryOptions.SectionName + "__" + nameof(PartyDirectoryOptions.Directory);

    public static Option<string?> Create() => new("--parties")
    {
        Description = "单位目录：tibet（默认，西藏）、national（合成的全国目录，31 个省级、333 个地级单位，用于规模测试）或数据文件路径；"
            + $"缺省取环境变量 {EnvironmentVariable} / Party directory: tibet (default), national (the synthetic national directory "
            + $"of 31 provinces and 333 prefectures, for scale runs) or a data file in the format of parties.json; default: {EnvironmentVariable}.",
        HelpName = "tibet|national|FILE",
    };

    /// <summary>The directory named by <paramref name="given"/>, else by the environment, else Tibet.</summary>
    /// <exception cref="FileNotFoundException">The path names no file.</exception>
    /// <exception cref="FormatException">The file is not a valid directory.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    /// <exception cref="UnauthorizedAccessException">The file may not be read.</exception>
    public static PartyDirectory Load(string? given) => PartyDirectory.Load(given ?? Environment.GetEnvironmentVariable(EnvironmentVariable));
}
