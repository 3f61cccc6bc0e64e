using System.Globalization;
using Reduction.Domain.Parties;

namespace Reduction.Benchmarks.Support;

/// <summary>The party directory of the run (`--parties tibet|national|FILE`, as the server's `Parties:Directory`):
/// the hosts are wired with it and the steps that name parties take them from it.</summary>
internal static class BenchParties
{
    /// <summary>Names the directory when `--parties` does not, and hands it to the child process of step e.</summary>
    public const string EnvironmentVariable = "REDUCTION_Parties__Directory";

    /// <summary>What `--parties` or <see cref="EnvironmentVariable"/> said; the shipped Tibet directory by default.</summary>
    public static string Directory { get; set; } = Environment.GetEnvironmentVariable(EnvironmentVariable) ?? PartyDirectory.Tibet;

    /// <exception cref="FileNotFoundException">The path names no file.</exception>
    /// <exception cref="FormatException">The file is not a valid directory.</exception>
    public static PartyDirectory Load() => PartyDirectory.Load(Directory);

    /// <summary>The prefecture whose member the scoped steps act as: the first of the directory (lhasa in Tibet's).</summary>
    public static string Prefecture => Load().WithRole(PartyRole.Prefecture)[0].Id;

    /// <summary>The selected directory when it has at least <paramref name="count"/> prefectures (the national one), else a
    /// generated one of that many (p001, 测试地市001, …) as the scale steps used before directories were selectable.</summary>
    public static PartyDirectory AtScale(int count)
    {
        var selected = Load();
        return selected.WithRole(PartyRole.Prefecture).Count >= count
            ? selected
            : new PartyDirectory(Enumerable.Range(1, count).Select(i => new Party(
                string.Create(CultureInfo.InvariantCulture, $"p{i:000}"),
                PartyRole.Prefecture,
                [new PartyName(string.Create(CultureInfo.InvariantCulture, $"测试地市{i:000}"), string.Create(CultureInfo.InvariantCulture, $"测试地市{i:000}人民政府"), new DateOnly(2000, 1, 1))])));
    }
}
