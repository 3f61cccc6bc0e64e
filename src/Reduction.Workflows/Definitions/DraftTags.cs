using System.Globalization;

namespace Reduction.Workflows.Definitions;

/// <summary>The tags a draft save is checked against: `d-{stamp}` for a stored draft, `v{N}` for the published
/// version N read when there was no draft. A fresh stamp on every save means a tag never comes back (no ABA).</summary>
internal static class DraftTags
{
    public static string OfDraft(Guid stamp) => "d-" + stamp.ToString("N", CultureInfo.InvariantCulture);

    public static string OfVersion(int version) => "v" + version.ToString(CultureInfo.InvariantCulture);

    public static bool TryDraft(string? tag, out Guid stamp)
    {
        stamp = default;
        return tag is { Length: 34 } && tag.StartsWith("d-", StringComparison.Ordinal) && Guid.TryParseExact(tag[2..], "N", out stamp);
    }

    public static bool TryVersion(string? tag, out int version)
    {
        version = 0;
        return tag is { Length: > 1 and < 12 } && tag[0] == 'v'
            && int.TryParse(tag.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out version) && version > 0;
    }
}
