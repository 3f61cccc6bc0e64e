using Reduction.Workflows.Tasks;

namespace Reduction.Server.Answers;

/// <summary>What became of a posted answer: the task service's answer, the revision it became (when accepted or
/// already there), and whether it was a repeat of an earlier post with the same submission key.</summary>
public sealed record SubmitOutcome(TaskActionResult Result, int? Revision, bool Repeated);
