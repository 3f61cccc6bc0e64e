using System.Text.Json.Nodes;
using Reduction.Workflows.Persistence;

namespace Reduction.Server.Tasks;

/// <summary>One kept revision of a task's answer.</summary>
public sealed record TaskSubmission(int Revision, DateTimeOffset SubmittedAt, string SubmittedBy, JsonNode? Data, bool Late)
{
    public static TaskSubmission From(TaskSubmissionRecord record) =>
        new(record.Revision, record.SubmittedAt, record.SubmittedBy, JsonNode.Parse(record.DataJson), record.Late);
}
