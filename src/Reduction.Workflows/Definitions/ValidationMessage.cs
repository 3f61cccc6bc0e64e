namespace Reduction.Workflows.Definitions;

/// <summary>One finding of the validator, precise enough to fix: file, activity, property, message (zh-CN / English).</summary>
public sealed record ValidationMessage(string File, string? ActivityId, string? Property, string Message, bool IsError = true)
{
    public override string ToString()
    {
        var where = ActivityId is null ? (Property is null ? File : $"{File}: {Property}") : Property is null ? $"{File}: 活动 {ActivityId}" : $"{File}: 活动 {ActivityId}.{Property}";
        return $"{(IsError ? "错误" : "警告")} {where}: {Message}";
    }
}
