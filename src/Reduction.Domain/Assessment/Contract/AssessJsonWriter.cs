using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Reduction.Domain.Assessment.Contract;

/// <summary>
/// Writes results in the `assess` output contract: {"results": [...]}, one result per case in input order,
/// indented UTF-8 with Chinese unescaped. Fields beyond the contract come after the contract's own.
/// </summary>
public static class AssessJsonWriter
{
    private static readonly JsonWriterOptions Options = new()
    {
        Indented = true,
        NewLine = "\n",

        // Output is read by people and written to files or pipes, never embedded in HTML.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Write(IReadOnlyList<(AssessInputCase Input, AssessmentResult Result)> results)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, Options))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("results");
            foreach (var (input, result) in results)
            {
                WriteResult(writer, input, result);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    private static void WriteResult(Utf8JsonWriter writer, AssessInputCase input, AssessmentResult result)
    {
        writer.WriteStartObject();
        writer.WriteString("prefecture", input.PrefectureAsWritten);
        writer.WriteNumber("year", result.Year);
        writer.WriteString("verdict", Verdicts.ToCode(result.Verdict));
        writer.WriteStartArray("findings");
        foreach (var finding in result.Findings)
        {
            WriteFinding(writer, finding);
        }

        writer.WriteEndArray();
        writer.WriteString("prefectureId", result.Prefecture.Id);
        writer.WriteString("prefectureNameInYear", result.PrefectureNameInYear);
        writer.WriteString("planPeriod", result.Period.Id);
        writer.WriteEndObject();
    }

    private static void WriteFinding(Utf8JsonWriter writer, Finding finding)
    {
        writer.WriteStartObject();
        writer.WriteString("criterion", AssessmentCriteria.ToCode(finding.Criterion));
        writer.WriteString("subject", finding.Subject);
        writer.WriteString("actual", finding.Actual);
        writer.WriteString("required", finding.Required);
        writer.WriteString("outcome", FindingOutcomes.ToCode(finding.Outcome));
        writer.WriteString("basis", finding.Basis);
        WriteIfPresent(writer, "actualExact", finding.ActualExact);
        WriteIfPresent(writer, "requiredExact", finding.RequiredExact);
        WriteIfPresent(writer, "note", finding.Note);
        writer.WriteEndObject();
    }

    private static void WriteIfPresent(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }
}
