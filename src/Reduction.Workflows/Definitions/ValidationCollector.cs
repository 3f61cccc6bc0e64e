namespace Reduction.Workflows.Definitions;

/// <summary>Collects the validator's findings for one file; every message carries zh-CN then English.</summary>
internal sealed class ValidationCollector(string file)
{
    private readonly List<ValidationMessage> _messages = [];

    public IReadOnlyList<ValidationMessage> Messages => _messages;

    public void Error(string? activityId, string? property, string chinese, string english) =>
        _messages.Add(new ValidationMessage(file, activityId, property, $"{chinese} / {english}") { Chinese = chinese });

    public void Warning(string? activityId, string? property, string chinese, string english) =>
        _messages.Add(new ValidationMessage(file, activityId, property, $"{chinese} / {english}", IsError: false) { Chinese = chinese });

    /// <summary>A message whose text is already bilingual (domain and parser exceptions).</summary>
    public void ErrorText(string? activityId, string? property, string message) =>
        _messages.Add(new ValidationMessage(file, activityId, property, message));
}
