namespace Reduction.Server.Workflows;

/// <summary>An event of the rehearsal that moved against the published version's timeline (both instants), or that
/// only one of them has (the other null), with a Chinese line such as "提醒 拉萨市 annual-plan：3月1日 → 3月8日".</summary>
public sealed record RehearsalDifference(string Kind, string? Notice, string? Task, string? Party, DateTimeOffset? Before, DateTimeOffset? After, string Text);
