using Reduction.Server.Answers.Forms;

namespace Reduction.Server.Tasks;

/// <summary>400 body of `POST /api/tasks/{id}/complete` when the answer is not one the task page would accept.</summary>
public sealed record TaskAnswerRejection(string Message, IReadOnlyList<AnswerError> Errors);
