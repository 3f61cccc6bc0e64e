using Reduction.Domain.Parties;

namespace Reduction.Workflows.Hosting;

/// <summary>Which party directory the host runs on (section `Parties`); one directory for the runtime, notices and
/// pages alike.</summary>
public sealed class PartyDirectoryOptions
{
    public const string SectionName = "Parties";

    /// <summary>`tibet` (the default, Data/parties.json), `national` (the synthetic scale-run directory,
    /// Data/parties-national.json) or the path of a data file in that format, relative to the working directory.</summary>
    public string Directory { get; set; } = PartyDirectory.Tibet;

    /// <summary>The directory named by <see cref="Directory"/>; a missing or malformed file stops the start with its path named.</summary>
    /// <exception cref="FileNotFoundException">The path names no file.</exception>
    /// <exception cref="FormatException">The file is not a valid directory.</exception>
    public PartyDirectory Build() => PartyDirectory.Load(Directory);
}
