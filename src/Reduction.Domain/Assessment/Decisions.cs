namespace Reduction.Domain.Assessment;

/// <summary>zh-CN names of the decision codes answering review and approval tasks (`accept`, `return`, `agree`,
/// `disagree`, `approve`, `fixed`, `notFixed`); the codes stay in the task data.</summary>
public static class Decisions
{
    private static readonly Dictionary<string, string> Names = new(StringComparer.Ordinal)
    {
        ["accept"] = "审查通过",
        ["return"] = "退回",
        ["approve"] = "同意",
        ["agree"] = "同意",
        ["disagree"] = "不同意",
        ["fixed"] = "已整改到位",
        ["notFixed"] = "尚未整改到位",
    };

    public static IReadOnlyCollection<string> AllCodes => Names.Keys;

    /// <summary>The zh-CN name of <paramref name="code"/>, or null for a code no task answers with.</summary>
    public static string? DisplayName(string? code) => code is not null && Names.TryGetValue(code, out var name) ? name : null;
}
