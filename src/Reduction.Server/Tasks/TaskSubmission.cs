using System.Text.Json.Nodes;
using Reduction.Workflows.Queries;

namespace Reduction.Server.Tasks;

/// <summary>One kept revision of a task's answer.</summary>
public sealed record TaskSubmission(int Revision, DateTimeOffset SubmittedAt, string SubmittedBy, JsonNode? Data, bool Late)
{
    public static TaskSubmission From(SubmissionInfo submission) =>
        new(submission.Revision, submission.SubmittedAt, submission.SubmittedBy, submission.Data, submission.Late);
}
