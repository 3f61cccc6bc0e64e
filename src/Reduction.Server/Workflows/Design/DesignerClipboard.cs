using System.Collections.Concurrent;

namespace Reduction.Server.Workflows.Design;

/// <summary>Each administrator's designer clipboard, held by the server so that activities copied in one definition
/// can be pasted into another (every designer page is a circuit of its own). Bounded per account; gone on restart.</summary>
public sealed class DesignerClipboard
{
    private const int MaxLength = 2_000_000;
    private readonly ConcurrentDictionary<string, string> _clips = new(StringComparer.Ordinal);

    public void Set(string account, string clip)
    {
        if (clip.Length <= MaxLength)
        {
            _clips[account] = clip;
        }
    }

    public string? Get(string account) => _clips.GetValueOrDefault(account);
}
