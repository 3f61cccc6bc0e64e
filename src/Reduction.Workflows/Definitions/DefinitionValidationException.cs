namespace Reduction.Workflows.Definitions;

/// <summary>A definition that failed validation; <see cref="Messages"/> says where and why.</summary>
public sealed class DefinitionValidationException(IReadOnlyList<ValidationMessage> messages)
    : Exception("流程定义无效 / invalid workflow definition:" + Environment.NewLine + string.Join(Environment.NewLine, messages))
{
    public IReadOnlyList<ValidationMessage> Messages { get; } = messages;
}
