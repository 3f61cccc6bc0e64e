using Reduction.Workflows.Definitions;

namespace Reduction.Server.Workflows;

/// <summary>One validator finding for the designer's problems list: the activity and property it is about (null
/// when it is about the whole definition), the Chinese message, and `error` or `warning`.</summary>
public sealed record ValidationFinding(string? ActivityId, string? Property, string Message, string Severity)
{
    public static ValidationFinding From(ValidationMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return new(message.ActivityId, message.Property, message.Chinese, message.IsError ? "error" : "warning");
    }
}
