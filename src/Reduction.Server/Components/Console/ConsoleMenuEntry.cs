namespace Reduction.Server.Components.Console;

/// <summary>One navigation entry: the role that may use it, its zh-CN title, address and icon. External entries
/// (the job dashboard) are outside the console's Blazor root.</summary>
public sealed record ConsoleMenuEntry(string Role, string Title, string Href, string Icon, bool External = false);
