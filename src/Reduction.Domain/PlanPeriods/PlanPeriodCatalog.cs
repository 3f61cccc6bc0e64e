using System.Text.Json;
using Reduction.Domain.Assessment;

namespace Reduction.Domain.PlanPeriods;

/// <summary>The plan periods, loaded from a data file (the shipped one is Data/plan-periods.json).</summary>
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
            if (Periods[i].FirstYear <= Periods[i - 1].LastYear)
            {
                throw new ArgumentException(
                    $"规划期“{Periods[i - 1].Id}”与“{Periods[i].Id}”年份重叠 / plan periods '{Periods[i - 1].Id}' and '{Periods[i].Id}' overlap",
                    nameof(periods));
            }
        }

        if (Periods.DistinctBy(p => p.Id, StringComparer.Ordinal).Count() != Periods.Count)
        {
            throw new ArgumentException("规划期标识重复 / duplicate plan period id", nameof(periods));
        }
    }

    /// <summary>All periods, oldest first.</summary>
    public IReadOnlyList<PlanPeriod> Periods { get; }

    /// <summary>The shipped catalog (cached; the data is immutable).</summary>
    public static PlanPeriodCatalog LoadDefault() => Default.Value;

    /// <summary>The period covering <paramref name="year"/>, or null when none does.</summary>
    public PlanPeriod? FindByYear(int year) => Periods.FirstOrDefault(p => p.Covers(year));

    /// <summary>Parses the data-file format; errors name the entry and field.</summary>
    /// <exception cref="FormatException">A field is missing or invalid.</exception>
    public static PlanPeriodCatalog Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        var periods = new List<PlanPeriod>();
        var index = 0;
        foreach (var element in Required(document.RootElement, "planPeriods", "$", JsonValueKind.Array).EnumerateArray())
        {
            var at = $"planPeriods[{index}]";
            var pollutants = Required(element, "pollutants", at, JsonValueKind.Array).EnumerateArray()
                .Select((p, i) => new Pollutant(
                    RequiredString(p, "code", $"{at}.pollutants[{i}]"),
                    RequiredString(p, "name", $"{at}.pollutants[{i}]")))
                .ToArray();
            var targetKinds = Required(element, "targetKinds", at, JsonValueKind.Array).EnumerateArray()
                .Select((k, i) => TargetKinds.TryParse(k.GetString(), out var kind)
                    ? kind
                    : throw Invalid($"{at}.targetKinds[{i}]", k.ToString()))
                .ToArray();
            var thresholds = Required(element, "thresholds", at, JsonValueKind.Object);
            var basis = new Dictionary<AssessmentCriterion, string>();
            foreach (var property in Required(element, "basis", at, JsonValueKind.Object).EnumerateObject())
            {
                basis[AssessmentCriteria.TryParse(property.Name, out var criterion)
                    ? criterion
                    : throw Invalid($"{at}.basis", property.Name)] = property.Value.GetString() ?? string.Empty;
            }

            periods.Add(new PlanPeriod(
                RequiredString(element, "id", at),
                RequiredString(element, "name", at),
                Required(element, "firstYear", at, JsonValueKind.Number).GetInt32(),
                Required(element, "lastYear", at, JsonValueKind.Number).GetInt32(),
                Required(element, "baseYear", at, JsonValueKind.Number).GetInt32(),
                pollutants,
                targetKinds,
                new MonitoringThresholds(
                    ThresholdRate(thresholds, "transmissionEffectiveRate", at),
                    ThresholdRate(thresholds, "selfMonitoringPublicationRate", at),
                    ThresholdRate(thresholds, "supervisoryMonitoringPublicationRate", at)),
                basis));
            index++;
        }

        return new PlanPeriodCatalog(periods);
    }

    private static Rate ThresholdRate(JsonElement thresholds, string property, string at)
    {
        var text = RequiredString(thresholds, property, $"{at}.thresholds");
        try
        {
            var rate = Rate.Parse(text);
            return rate.IsDefined ? rate : throw Invalid($"{at}.thresholds.{property}", text);
        }
        catch (FormatException)
        {
            throw Invalid($"{at}.thresholds.{property}", text);
        }
    }

    private static JsonElement Required(JsonElement element, string property, string at, JsonValueKind kind) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out var value) && value.ValueKind == kind
            ? value
            : throw new FormatException($"{at} 缺少 {property} 或类型不对 / {at}: missing or mistyped {property}");

    private static string RequiredString(JsonElement element, string property, string at)
    {
        var value = Required(element, property, at, JsonValueKind.String).GetString();
        return string.IsNullOrWhiteSpace(value)
            ? throw new FormatException($"{at} 的 {property} 为空 / {at}: empty {property}")
            : value;
    }

    private static FormatException Invalid(string at, string value) =>
        new($"{at} 的值“{value}”无效 / {at}: invalid value '{value}'");

    private static string ReadDefaultJson()
    {
        using var stream = DomainAssembly.Assembly.GetManifestResourceStream(DefaultResource)
            ?? throw new InvalidOperationException($"missing embedded resource {DefaultResource}");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
