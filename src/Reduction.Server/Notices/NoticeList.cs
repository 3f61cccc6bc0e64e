namespace Reduction.Server.Notices;

/// <summary>Answer of `GET /api/notices`: one page (50 notices, newest first) and how many match in all.</summary>
public sealed record NoticeList(int Total, int Page, int PageSize, IReadOnlyList<NoticeSummary> Notices);
