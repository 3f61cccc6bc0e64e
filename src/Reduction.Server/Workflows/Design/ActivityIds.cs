using System.Text.RegularExpressions;

namespace Reduction.Server.Workflows.Design;

/// <summary>The spelling the designer allows for an activity id: it appears in journals, task records and
/// connections, so it stays a short ASCII name.</summary>
public static partial class ActivityIds
{
    public static bool IsValid(string? id) => id is { Length: > 0 and <= 64 } && Pattern().IsMatch(id);

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_-]*$")]
    private static partial Regex Pattern();
}
