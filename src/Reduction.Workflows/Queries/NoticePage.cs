namespace Reduction.Workflows.Queries;

/// <summary>One page of a notice list and how many notices match in all.</summary>
public sealed record NoticePage(IReadOnlyList<NoticeInfo> Items, int Total);
