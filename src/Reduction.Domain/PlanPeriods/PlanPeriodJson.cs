using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Unicode;
using Reduction.Domain.Assessment;

namespace Reduction.Domain.PlanPeriods;

/// <summary>The plan-period data-file format (Data/plan-periods.json, `reduction plan-periods import`), one period at a
/// time; what <see cref="Write"/> gives, <see cref="Read"/> reads back unchanged.</summary>
public static class PlanPeriodJson
{
    private static readonly JsonSerializerOptions Indented = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
    };

    /// <summary>Reads one period; errors name the period (by id when it has one) and the field.</summary>
    /// <exception cref="FormatException">A field is missing or invalid.</exception>
    /// <exception cref="ArgumentException">The values do not make a period (years, duplicates, missing basis).</exception>
    public static PlanPeriod Read(JsonElement element, string at)
    {
        var id = element.ValueKind == JsonValueKind.Object && element.TryGetProperty("id", out var idElement) && idElement.ValueKind == JsonValueKind.String
            ? idElement.GetString()
            : null;
        try
        {
            return ReadFields(element, at);
        }
        catch (FormatException e) when (!string.IsNullOrWhiteSpace(id))
        {
            throw new FormatException($"规划期“{id}” / plan period '{id}': {e.Message}", e);
        }
    }

    /// <summary>The period in the data-file format.</summary>
    public static JsonObject Write(PlanPeriod period)
    {
        var json = new JsonObject
        {
            ["id"] = period.Id,
            ["name"] = period.Name,
            ["firstYear"] = period.FirstYear,
            ["lastYear"] = period.LastYear,
            ["baseYear"] = period.BaseYear,
            ["pollutants"] = new JsonArray(period.Pollutants.Select(p => (JsonNode?)new JsonObject
            {
                ["code"] = p.Code,
                ["name"] = p.Name,
                ["sectors"] = new JsonArray(period.SectorsOf(p).Select(s => (JsonNode?)JsonValue.Create(s)).ToArray()),
            }).ToArray()),
            ["targetKinds"] = new JsonArray(period.TargetKinds.Select(k => (JsonNode?)JsonValue.Create(TargetKinds.ToCode(k))).ToArray()),
            ["thresholds"] = new JsonObject
            {
                ["transmissionEffectiveRate"] = period.Thresholds.TransmissionEffectiveRate.ToString(),
                ["selfMonitoringPublicationRate"] = period.Thresholds.SelfMonitoringPublicationRate.ToString(),
                ["supervisoryMonitoringPublicationRate"] = period.Thresholds.SupervisoryMonitoringPublicationRate.ToString(),
            },
            ["basis"] = new JsonObject(AssessmentCriteria.All.Select(c =>
                KeyValuePair.Create(AssessmentCriteria.ToCode(c), (JsonNode?)JsonValue.Create(period.BasisOf(c))))),
            ["measuresTitle"] = period.MeasuresTitle,
        };
        if (period.Unconfirmed.Count > 0)
        {
            json["carriedOver"] = new JsonObject
            {
                ["from"] = period.CarriedOverFrom,
                ["fields"] = new JsonArray(period.Unconfirmed.Select(f => (JsonNode?)JsonValue.Create(f)).ToArray()),
            };
        }

        return json;
    }

    /// <summary>The periods as a data file (`{"planPeriods": [...]}`), indented, Chinese unescaped.</summary>
    public static string WriteFile(IEnumerable<PlanPeriod> periods) =>
        new JsonObject { ["planPeriods"] = new JsonArray(periods.Select(p => (JsonNode?)Write(p)).ToArray()) }.ToJsonString(Indented);

    private static PlanPeriod ReadFields(JsonElement element, string at)
    {
        var pollutants = new List<Pollutant>();
        var sectors = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        var index = 0;
        foreach (var item in Required(element, "pollutants", at, JsonValueKind.Array).EnumerateArray())
        {
            var itemAt = $"{at}.pollutants[{index++}]";
            var code = RequiredString(item, "code", itemAt);
            var pollutant = Pollutant.FindKnown(code) ?? throw new FormatException(
                $"{itemAt}.code 的污染物“{code}”未知，可用：{string.Join("、", Pollutant.Known.Select(p => p.Code))} / "
                    + $"{itemAt}.code: unknown pollutant '{code}'; expected one of: {string.Join(", ", Pollutant.Known.Select(p => p.Code))}");
            if (item.TryGetProperty("name", out var name) && name.GetString() is { } given && given != pollutant.Name)
            {
                throw new FormatException($"{itemAt}.name 应为“{pollutant.Name}” / {itemAt}.name: expected '{pollutant.Name}' for {pollutant.Code}");
            }

            if (item.TryGetProperty("sectors", out _))
            {
                sectors[pollutant.Code] = Required(item, "sectors", itemAt, JsonValueKind.Array).EnumerateArray()
                    .Select((s, i) => s.ValueKind == JsonValueKind.String && EmissionSectors.IsKnown(s.GetString())
                        ? s.GetString()!
                        : throw Invalid($"{itemAt}.sectors[{i}]", s.ToString()))
                    .ToArray();
            }

            pollutants.Add(pollutant);
        }

        var targetKinds = Required(element, "targetKinds", at, JsonValueKind.Array).EnumerateArray()
            .Select((k, i) => TargetKinds.TryParse(k.ValueKind == JsonValueKind.String ? k.GetString() : null, out var kind)
                ? kind
                : throw Invalid($"{at}.targetKinds[{i}]", k.ToString()))
            .ToArray();
        var thresholds = Required(element, "thresholds", at, JsonValueKind.Object);
        var basis = new Dictionary<AssessmentCriterion, string>();
        foreach (var property in Required(element, "basis", at, JsonValueKind.Object).EnumerateObject())
        {
            basis[AssessmentCriteria.TryParse(property.Name, out var criterion)
                ? criterion
                : throw Invalid($"{at}.basis", property.Name)] = RequiredString(element.GetProperty("basis"), property.Name, $"{at}.basis");
        }

        string? carriedOverFrom = null;
        string[] unconfirmed = [];
        if (element.TryGetProperty("carriedOver", out _))
        {
            var carriedOver = Required(element, "carriedOver", at, JsonValueKind.Object);
            carriedOverFrom = RequiredString(carriedOver, "from", $"{at}.carriedOver");
            unconfirmed = Required(carriedOver, "fields", $"{at}.carriedOver", JsonValueKind.Array).EnumerateArray()
                .Select((f, i) => f.ValueKind == JsonValueKind.String ? f.GetString()! : throw Invalid($"{at}.carriedOver.fields[{i}]", f.ToString()))
                .ToArray();
        }

        return new PlanPeriod(
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
            basis,
            RequiredString(element, "measuresTitle", at),
            sectors,
            carriedOverFrom,
            unconfirmed);
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
}
