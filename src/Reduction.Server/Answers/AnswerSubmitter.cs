using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Reduction.Server.Answers.Attachments;
using Reduction.Workflows.Persistence;
using Reduction.Workflows.Tasks;

namespace Reduction.Server.Answers;

/// <summary>Turns a checked answer into a revision. Every form carries a submission key drawn when the page was
/// rendered: a repeated post of the same key (a double click, a refreshed receipt) finds the revision it made and
/// makes no other. Posts for one task are taken one at a time in this process, so the key check and the answer
/// cannot interleave; across servers the task service's own check (one completion wins) still holds.</summary>
public sealed class AnswerSubmitter(TaskService tasks, AttachmentStore attachments, ILogger<AnswerSubmitter> logger)
{
    private readonly ConcurrentDictionary<Guid, SemaphoreSlim> _gates = new();

    /// <summary>The revision made earlier with this key, if any.</summary>
    public async Task<TaskSubmissionRecord?> FindAsync(Guid taskId, Guid submissionKey, CancellationToken cancellationToken)
    {
        var key = submissionKey.ToString("D");
        foreach (var submission in await tasks.GetSubmissionsAsync(taskId, cancellationToken))
        {
            if (JsonNode.Parse(submission.DataJson)?["submissionKey"]?.GetValue<string>() == key)
            {
                return submission;
            }
        }

        return null;
    }

    public async Task<SubmitOutcome> SubmitAsync(
        Guid taskId,
        Guid submissionKey,
        JsonObject data,
        IReadOnlyList<(string Path, StoredAttachment Attachment)> kept,
        IReadOnlyList<IFormFile> files,
        string submittedBy,
        CancellationToken cancellationToken)
    {
        var gate = _gates.GetOrAdd(taskId, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        try
        {
            if (await FindAsync(taskId, submissionKey, cancellationToken) is { } earlier)
            {
                return new SubmitOutcome(TaskActionResult.AlreadyCompleted, earlier.Revision, Repeated: true);
            }

            var task = await tasks.GetAsync(taskId, cancellationToken);
            if (task is null)
            {
                return new SubmitOutcome(TaskActionResult.NotFound, null, Repeated: false);
            }

            var stored = await attachments.StageAsync(taskId, submissionKey, kept, files, cancellationToken);
            if (stored.Count > 0)
            {
                data["attachments"] = new JsonArray(stored.Select(a => (JsonNode?)a.ToJson()).ToArray());
            }

            data["submissionKey"] = submissionKey.ToString("D");
            var result = task.Status == TaskState.Submitted
                ? await tasks.ReviseAsync(taskId, data, submittedBy, cancellationToken)
                : await tasks.CompleteAsync(taskId, data, submittedBy, cancellationToken);
            if (result != TaskActionResult.Accepted)
            {
                attachments.Discard(taskId, submissionKey);
                return new SubmitOutcome(result, null, Repeated: false);
            }

            var revision = (await FindAsync(taskId, submissionKey, cancellationToken))?.Revision;
            if (revision is { } number)
            {
                try
                {
                    attachments.Commit(taskId, submissionKey, number);
                }
                catch (IOException e)
                {
                    // The answer stands; its files stay under the key, where downloads still find them.
                    logger.LogWarning(e, "Attachments of task {TaskId} revision {Revision} stay in the staging folder", taskId, number);
                }
            }

            return new SubmitOutcome(result, revision, Repeated: false);
        }
        finally
        {
            gate.Release();
        }
    }
}
