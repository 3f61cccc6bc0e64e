namespace Reduction.Server.Tasks;

/// <summary>Answer to a task action: <see cref="Result"/> for programs (`accepted`, `alreadyCompleted`, `closed`,
/// `notFound`), <see cref="Message"/> for people (zh-CN).</summary>
public sealed record TaskAnswer(string Result, string Message);
