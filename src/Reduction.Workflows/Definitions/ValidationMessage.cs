namespace Reduction.Workflows.Definitions;

/// <summary>One finding of the validator, precise enough to fix: file, activity, property, message (zh-CN / English).</summary>
public sealed record ValidationMessage(string File, string? ActivityId, string? Property, string Message, bool IsError = true)
{
    /// <summary>The Chinese part of <see cref="Message"/> alone, for pages and the designer's problems list.</summary>
    public string Chinese
    {
        get => field ?? ChinesePartOf(Message);
        init;
    }

    public override string ToString()
    {
        var where = ActivityId is null ? (Property is null ? File : $"{File}: {Property}") : Property is null ? $"{File}: 活动 {ActivityId}" : $"{File}: 活动 {ActivityId}.{Property}";
        return $"{(IsError ? "错误" : "警告")} {where}: {Message}";
    }

    /// <summary>Bilingual texts put the Chinese first and the English after " / ".</summary>
    private static string ChinesePartOf(string message)
    {
        var split = message.IndexOf(" / ", StringComparison.Ordinal);
        return split > 0 ? message[..split] : message;
    }
}
