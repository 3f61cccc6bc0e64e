using System.Text.Json.Nodes;

namespace Reduction.Workflows.Queries;

/// <summary>One kept revision of a task's answer.</summary>
public sealed record SubmissionInfo(Guid TaskId, int Revision, DateTimeOffset SubmittedAt, string SubmittedBy, JsonObject Data, bool Late);
