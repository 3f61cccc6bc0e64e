namespace Reduction.Workflows.Expressions;

/// <summary>An expression or template that does not parse or fails while evaluating.</summary>
public sealed class ExpressionException(string text, string message)
    : Exception($"表达式错误 / expression error in “{text}”: {message}")
{
    public string Text { get; } = text;
}
