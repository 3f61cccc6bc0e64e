namespace Reduction.Workflows.Persistence;

/// <summary>Column lengths of the notice tables; longer text is cut to them before it is stored.</summary>
public static class NoticeLimits
{
    public const int Subject = 500;

    public const int Recipients = 2000;

    public const int Detail = 2000;

    /// <summary><paramref name="text"/> cut to <paramref name="max"/> characters (null stays null).</summary>
    public static string? Clip(string? text, int max) => text is { Length: var length } && length > max ? text[..max] : text;
}
