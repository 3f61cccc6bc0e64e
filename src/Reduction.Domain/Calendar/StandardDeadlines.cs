using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;

namespace Reduction.Domain.Calendar;

/// <summary>The deadlines the 2013 assessment measures set, by key.</summary>
public static class StandardDeadlines
{
    /// <summary>Annual reduction plan, prefecture to EPB and DRC: 每年3月15日前 (art. 4).</summary>
    public const string AnnualPlan = "annual-plan";

    /// <summary>The region's self-check on the previous year, EPB to the government: 每年2月底前.</summary>
    public const string SelfCheck = "self-check";

    /// <summary>Assessment results to the government: 每年4月底前 (art. 9).</summary>
    public const string Assessment = "assessment";

    private static readonly FrozenDictionary<string, DeadlineRule> Rules = new Dictionary<string, DeadlineRule>
    {
        [AnnualPlan] = DeadlineRule.Parse("day:03-15"),
        [SelfCheck] = DeadlineRule.Parse("last-day:02"),
        [Assessment] = DeadlineRule.Parse("last-day:04"),
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The valid keys, in the order of the cycle's year.</summary>
    public static IReadOnlyList<string> Keys { get; } = [SelfCheck, AnnualPlan, Assessment];

    /// <exception cref="ArgumentException">Unknown key; the message lists the valid ones.</exception>
    public static DeadlineRule Get(string key) =>
        TryGet(key, out var rule)
            ? rule
            : throw new ArgumentException(
                $"未知的期限“{key}”，可选：{string.Join("、", Keys)} / unknown deadline '{key}'; valid keys: {string.Join(", ", Keys)}",
                nameof(key));

    public static bool TryGet(string? key, [NotNullWhen(true)] out DeadlineRule? rule)
    {
        rule = null;
        return key is not null && Rules.TryGetValue(key, out rule);
    }
}
