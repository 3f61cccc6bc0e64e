using System.Globalization;
using System.Text.Json;
using Reduction.Domain.Parties;
using Reduction.Domain.PlanPeriods;

namespace Reduction.Domain.Assessment.Contract;

/// <summary>
/// Reads the `assess` input contract ({"cases": [...]}) into domain cases, collecting every error with its case
/// and field rather than stopping at the first. Shape errors are found here, rule errors by
/// <see cref="AssessmentCase.Validate"/>.
/// </summary>
public static class AssessInputReader
{
    public static AssessInput Read(string json, PlanPeriodCatalog periods, PartyDirectory parties)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException exception)
        {
            var line = (exception.LineNumber ?? 0) + 1;
            var position = (exception.BytePositionInLine ?? 0) + 1;
            return Invalid(new AssessInputError(
                null,
                null,
                null,
                string.Create(CultureInfo.InvariantCulture, $"输入不是有效的 JSON（第{line}行第{position}字节附近）"),
                string.Create(CultureInfo.InvariantCulture, $"the input is not valid JSON (near line {line}, byte {position})")));
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("cases", out var casesElement)
                || casesElement.ValueKind != JsonValueKind.Array)
            {
                return Invalid(new AssessInputError(
                    null, null, "cases", "输入应为含有 cases 数组的对象", "the input must be an object with a cases array"));
            }

            var cases = new List<AssessInputCase>();
            var errors = new List<AssessInputError>();
            var index = 0;
            foreach (var element in casesElement.EnumerateArray())
            {
                var reader = new CaseReader(element, periods, parties);
                var read = reader.Read();
                if (read is not null && reader.Errors.Count == 0)
                {
                    cases.Add(read);
                }

                errors.AddRange(reader.Errors.Select(e => new AssessInputError(
                    index, reader.Prefecture, e.Field.Length == 0 ? null : e.Field, e.Message, e.EnglishMessage)));
                index++;
            }

            return new AssessInput(cases, errors);
        }
    }

    private static AssessInput Invalid(AssessInputError error) => new([], [error]);

    /// <summary>Reads one case; every problem goes to <see cref="Errors"/> with its field path inside the case.</summary>
    private sealed class CaseReader(JsonElement element, PlanPeriodCatalog periods, PartyDirectory parties)
    {
        private readonly List<AssessmentCaseError> _errors = [];

        public IReadOnlyList<AssessmentCaseError> Errors => _errors;

        /// <summary>The prefecture name as written, for naming the case in messages.</summary>
        public string? Prefecture { get; private set; }

        public AssessInputCase? Read()
        {
            if (element.ValueKind != JsonValueKind.Object)
            {
                Error(string.Empty, "案例应为对象", "a case must be an object");
                return null;
            }

            Prefecture = String(element, "prefecture", string.Empty);
            var party = Prefecture is null ? null : ResolvePrefecture(Prefecture);
            var year = Year();
            var period = year is null ? null : periods.FindByYear(year.Value);
            if (year is not null && period is null)
            {
                _errors.Add(AssessmentCaseError.YearNotCovered(year.Value));
            }

            var pollutants = Array(element, "pollutants", string.Empty, ReadPollutant);
            var projects = Array(element, "keyProjects", string.Empty, ReadKeyProject);
            var monitoring = ReadMonitoring();
            if (_errors.Count > 0 || party is null || period is null || pollutants is null || projects is null || monitoring is null)
            {
                return null;
            }

            var assessmentCase = new AssessmentCase(party, year!.Value, pollutants, projects, monitoring);
            _errors.AddRange(assessmentCase.Validate(period));
            return new AssessInputCase(Prefecture!, assessmentCase, period);
        }

        private Party? ResolvePrefecture(string name)
        {
            var party = parties.FindByName(name);
            if (party is null)
            {
                var known = parties.WithRole(PartyRole.Prefecture).Select(p => p.CurrentName.Name).ToArray();
                Error(
                    "prefecture",
                    $"未知的地市“{name}”，可用：{string.Join("、", known)}（含历史名称）",
                    $"unknown prefecture '{name}'; expected one of: {string.Join(", ", known)} (or a former name)");
            }

            return party;
        }

        private int? Year()
        {
            if (Property(element, "year", string.Empty) is not { } value)
            {
                return null;
            }

            if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var year))
            {
                return year;
            }

            Error("year", "应为整数年份", "must be a whole year");
            return null;
        }

        private PollutantFigures? ReadPollutant(JsonElement pollutant, string at)
        {
            var code = String(pollutant, "code", at);
            var actual = Decimal(pollutant, "actualTonnes", at, required: true);
            var previous = Decimal(pollutant, "previousTonnes", at, required: false);
            var baseYear = Decimal(pollutant, "baseYearTonnes", at, required: false);
            var target = Object(pollutant, "target", at, ReadTarget);
            return code is null || actual is null || target is null
                ? null
                : new PollutantFigures(code, actual.Value, target, previous, baseYear);
        }

        private PollutantTarget? ReadTarget(JsonElement target, string at)
        {
            var kindCode = String(target, "kind", at);
            var value = Decimal(target, "value", at, required: true);
            if (kindCode is null || value is null)
            {
                return null;
            }

            if (!TargetKinds.TryParse(kindCode, out var kind))
            {
                Error(
                    $"{at}.kind",
                    $"未知的目标类型“{kindCode}”，可用：{string.Join("、", TargetKinds.AllCodes)}",
                    $"unknown target kind '{kindCode}'; expected one of: {string.Join(", ", TargetKinds.AllCodes)}");
                return null;
            }

            return new PollutantTarget(kind, value.Value);
        }

        private KeyProject? ReadKeyProject(JsonElement project, string at)
        {
            var name = String(project, "name", at);
            var dueDate = Date(project, "dueDate", at, required: true);
            var statusCode = String(project, "status", at);
            var completedOn = Date(project, "completedOn", at, required: false);
            bool? verifiedRunning = null;
            if (Property(project, "verifiedRunning", at, required: false) is { } verified)
            {
                if (verified.ValueKind is JsonValueKind.True or JsonValueKind.False)
                {
                    verifiedRunning = verified.GetBoolean();
                }
                else
                {
                    Error(Path(at, "verifiedRunning"), "应为 true 或 false", "must be true or false");
                }
            }

            KeyProjectStatus status = default;
            if (statusCode is not null && !KeyProjectStatuses.TryParse(statusCode, out status))
            {
                Error(
                    Path(at, "status"),
                    $"未知的项目状态“{statusCode}”，可用：{string.Join("、", KeyProjectStatuses.AllCodes)}",
                    $"unknown project status '{statusCode}'; expected one of: {string.Join(", ", KeyProjectStatuses.AllCodes)}");
                return null;
            }

            return name is null || dueDate is null || statusCode is null
                ? null
                : new KeyProject(name, dueDate.Value, status, completedOn, verifiedRunning);
        }

        private MonitoringCounts? ReadMonitoring() =>
            Object(element, "monitoring", string.Empty, (monitoring, at) =>
            {
                var transmission = Object(monitoring, "transmission", at, (counts, path) =>
                {
                    var due = Integer(counts, "due", path);
                    var received = Integer(counts, "received", path);
                    var valid = Integer(counts, "valid", path);
                    return due is null || received is null || valid is null
                        ? null
                        : new TransmissionCounts(due.Value, received.Value, valid.Value);
                });
                var self = Object(monitoring, "selfMonitoringPublication", at, ReadPublication);
                var supervisory = Object(monitoring, "supervisoryMonitoringPublication", at, ReadPublication);
                return transmission is null || self is null || supervisory is null
                    ? null
                    : new MonitoringCounts(transmission, self, supervisory);
            });

        private PublicationCounts? ReadPublication(JsonElement counts, string at)
        {
            var published = Integer(counts, "published", at);
            var required = Integer(counts, "required", at);
            return published is null || required is null ? null : new PublicationCounts(published.Value, required.Value);
        }

        private IReadOnlyList<T>? Array<T>(JsonElement parent, string name, string at, Func<JsonElement, string, T?> read)
            where T : class
        {
            if (Property(parent, name, at) is not { } array)
            {
                return null;
            }

            var path = Path(at, name);
            if (array.ValueKind != JsonValueKind.Array)
            {
                Error(path, "应为数组", "must be an array");
                return null;
            }

            var items = new List<T>();
            var complete = true;
            var index = 0;
            foreach (var item in array.EnumerateArray())
            {
                var itemPath = string.Create(CultureInfo.InvariantCulture, $"{path}[{index}]");
                var value = item.ValueKind == JsonValueKind.Object ? read(item, itemPath) : null;
                if (item.ValueKind != JsonValueKind.Object)
                {
                    Error(itemPath, "应为对象", "must be an object");
                }

                if (value is null)
                {
                    complete = false;
                }
                else
                {
                    items.Add(value);
                }

                index++;
            }

            return complete ? items : null;
        }

        private T? Object<T>(JsonElement parent, string name, string at, Func<JsonElement, string, T?> read)
            where T : class
        {
            if (Property(parent, name, at) is not { } value)
            {
                return null;
            }

            if (value.ValueKind != JsonValueKind.Object)
            {
                Error(Path(at, name), "应为对象", "must be an object");
                return null;
            }

            return read(value, Path(at, name));
        }

        private string? String(JsonElement parent, string name, string at)
        {
            if (Property(parent, name, at) is not { } value)
            {
                return null;
            }

            if (value.ValueKind != JsonValueKind.String)
            {
                Error(Path(at, name), "应为字符串", "must be a string");
                return null;
            }

            var text = value.GetString()!.Trim();
            if (text.Length == 0)
            {
                Error(Path(at, name), "不能为空", "must not be empty");
                return null;
            }

            return text;
        }

        private decimal? Decimal(JsonElement parent, string name, string at, bool required)
        {
            if (Property(parent, name, at, required) is not { } value)
            {
                return null;
            }

            if (value.ValueKind == JsonValueKind.Number && value.TryGetDecimal(out var number))
            {
                return number;
            }

            Error(Path(at, name), "应为数字", "must be a number");
            return null;
        }

        private long? Integer(JsonElement parent, string name, string at)
        {
            if (Property(parent, name, at) is not { } value)
            {
                return null;
            }

            if (value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number))
            {
                return number;
            }

            Error(Path(at, name), "应为整数（个数）", "must be a whole number (a count)");
            return null;
        }

        private DateOnly? Date(JsonElement parent, string name, string at, bool required)
        {
            if (Property(parent, name, at, required) is not { } value)
            {
                return null;
            }

            if (value.ValueKind == JsonValueKind.String
                && DateOnly.TryParseExact(value.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                return date;
            }

            Error(
                Path(at, name),
                $"应为 yyyy-MM-dd 格式的有效日期，实际为 {value.GetRawText()}",
                $"must be a valid date yyyy-MM-dd, got {value.GetRawText()}");
            return null;
        }

        /// <summary>The property's value; a missing property and JSON null are the same, an error only when required.</summary>
        private JsonElement? Property(JsonElement parent, string name, string at, bool required = true)
        {
            if (parent.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null)
            {
                return value;
            }

            if (required)
            {
                Error(Path(at, name), "缺少此字段", "missing");
            }

            return null;
        }

        private void Error(string field, string message, string englishMessage) =>
            _errors.Add(new AssessmentCaseError(field, message, englishMessage));

        private static string Path(string at, string name) => at.Length == 0 ? name : $"{at}.{name}";
    }
}
