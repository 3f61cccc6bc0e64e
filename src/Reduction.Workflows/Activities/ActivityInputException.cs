namespace Reduction.Workflows.Activities;

/// <summary>An input value that cannot be bound to its activity property.</summary>
public sealed class ActivityInputException(string activityId, string input, string message)
    : Exception($"活动 {activityId} 的输入 {input}：{message}")
{
    public string ActivityId { get; } = activityId;

    public string Input { get; } = input;
}
