using System.Globalization;
using System.Text.Json;

namespace Reduction.Domain.PlanPeriods;

/// <summary>The plan periods, built from data: the shipped file (Data/plan-periods.json), an imported file or the rows
/// a running system keeps in its database. Immutable; a change makes a new catalog.</summary>
public sealed class PlanPeriodCatalog
{
    private const string DefaultResource = "Reduction.Domain.Data.plan-periods.json";
    private static readonly Lazy<PlanPeriodCatalog> Default = new(() => Parse(ReadDefaultJson()));

    /// <exception cref="ArgumentException">Two periods share an id or a year.</exception>
    public PlanPeriodCatalog(IEnumerable<PlanPeriod> periods)
    {
        Periods = periods.OrderBy(p => p.FirstYear).ToArray();
        for (var i = 1; i < Periods.Count; i++)
        {
            var (earlier, later) = (Periods[i - 1], Periods[i]);
            if (later.FirstYear <= earlier.LastYear)
            {
                throw new ArgumentException(
                    string.Create(CultureInfo.InvariantCulture,
                        $"规划期“{later.Id}”的年份（firstYear {later.FirstYear}）与规划期“{earlier.Id}”（{earlier.FirstYear}-{earlier.LastYear}）重叠 / "
                        + $"plan period '{later.Id}': firstYear {later.FirstYear} overlaps plan period '{earlier.Id}' ({earlier.FirstYear}-{earlier.LastYear})"),
                    nameof(periods));
            }
        }

        if (Periods.GroupBy(p => p.Id, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } duplicate)
        {
            throw new ArgumentException($"规划期标识“{duplicate.Key}”（id）重复 / duplicate plan period id '{duplicate.Key}'", nameof(periods));
        }
    }

    /// <summary>All periods, oldest first.</summary>
    public IReadOnlyList<PlanPeriod> Periods { get; }

    /// <summary>The shipped catalog (cached; the data is immutable). A running system reads its database instead,
    /// which is seeded from this.</summary>
    public static PlanPeriodCatalog LoadDefault() => Default.Value;

    /// <summary>The period covering <paramref name="year"/>, or null when none does.</summary>
    public PlanPeriod? FindByYear(int year) => Periods.FirstOrDefault(p => p.Covers(year));

    public PlanPeriod? FindById(string id) => Periods.FirstOrDefault(p => string.Equals(p.Id, id, StringComparison.Ordinal));

    /// <summary>This catalog with <paramref name="changes"/> added, each replacing the period of the same id.</summary>
    /// <exception cref="ArgumentException">The result would have overlapping years.</exception>
    public PlanPeriodCatalog With(IEnumerable<PlanPeriod> changes)
    {
        var byId = Periods.ToDictionary(p => p.Id, StringComparer.Ordinal);
        foreach (var period in changes)
        {
            byId[period.Id] = period;
        }

        return new PlanPeriodCatalog(byId.Values);
    }

    /// <summary>Why a cycle of <paramref name="cycleYear"/> cannot start (it assesses the year before) and how to fix
    /// it, in zh-CN for administrators.</summary>
    public static string NotCoveredMessage(int cycleYear) => string.Create(CultureInfo.InvariantCulture,
        $"{cycleYear}年度考核评定 {cycleYear - 1} 年，该年不在任何规划期内。请由系统管理员用 `reduction plan-periods import` 添加规划期。");

    /// <summary>Parses the data-file format; errors name the entry and field.</summary>
    /// <exception cref="FormatException">A field is missing or invalid, or the text is not JSON.</exception>
    /// <exception cref="ArgumentException">The values do not make a catalog (overlapping years, duplicate ids, missing basis).</exception>
    public static PlanPeriodCatalog Parse(string json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new FormatException($"不是有效的 JSON / not valid JSON: {e.Message}", e);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("planPeriods", out var list) || list.ValueKind != JsonValueKind.Array)
            {
                throw new FormatException("$ 缺少 planPeriods 或类型不对 / $: missing or mistyped planPeriods");
            }

            return new PlanPeriodCatalog(list.EnumerateArray().Select((element, i) => PlanPeriodJson.Read(element, $"planPeriods[{i}]")).ToArray());
        }
    }

    /// <summary>The shipped data file's text.</summary>
    public static string ReadDefaultJson()
    {
        using var stream = DomainAssembly.Assembly.GetManifestResourceStream(DefaultResource)
            ?? throw new InvalidOperationException($"missing embedded resource {DefaultResource}");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
