namespace Reduction.Workflows.Queries;

/// <summary>An attachment as a revision's answer references it (its <c>attachments</c> array): the
/// <paramref name="Index"/>-th file of the revision, from 1. Where the file lies is the answer pages' business.</summary>
public sealed record AttachmentInfo(Guid TaskId, int Revision, int Index, string Name, long Size, string Sha256, string ContentType);
