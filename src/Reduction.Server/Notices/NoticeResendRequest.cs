namespace Reduction.Server.Notices;

/// <summary>Body of `POST /api/notices/{id}/resend`: why the failed notice is sent again (what was fixed).</summary>
public sealed record NoticeResendRequest(string? Reason);
