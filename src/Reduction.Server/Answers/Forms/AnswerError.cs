namespace Reduction.Server.Answers.Forms;

/// <summary>Why an answer was refused: the form's field key (or the JSON path of a value the form does not have;
/// empty for the answer as a whole) and a zh-CN message.</summary>
public sealed record AnswerError(string Field, string Message);
