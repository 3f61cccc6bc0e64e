using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Reduction.Domain.Calendar;
using Reduction.Domain.Parties;
using Reduction.Domain.Sanctions;
using Reduction.Workflows.Simulation;

namespace Reduction.Cli.Simulation;

/// <summary>The `simulate --format json` contract: year, events in time order, results, sanctions.</summary>
internal static class SimulationJsonWriter
{
    private static readonly JsonWriterOptions Options = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <param name="parties">The directory the year ran on: names the sanctioned prefectures.</param>
    public static string Write(SimulationResult result, PartyDirectory parties)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, Options))
        {
            writer.WriteStartObject();
            writer.WriteNumber("year", result.Year);
            writer.WriteString("cycleStatus", result.CycleStatus.ToLowerInvariant());
            writer.WriteStartArray("events");
            foreach (var e in result.Events)
            {
                writer.WriteStartObject();
                writer.WriteString("at", Iso(e.At));
                writer.WriteString("kind", e.Kind);
                WriteIfPresent(writer, "notice", e.Notice);
                WriteIfPresent(writer, "task", e.Task);
                WriteIfPresent(writer, "party", e.Party);
                if (e.RecipientRoles is { } roles)
                {
                    writer.WriteStartArray("recipientRoles");
                    foreach (var role in roles)
                    {
                        writer.WriteStringValue(role);
                    }

                    writer.WriteEndArray();
                }

                WriteIfPresent(writer, "detail", e.Detail);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteStartArray("results");
            foreach (var r in result.Results)
            {
                writer.WriteStartObject();
                writer.WriteString("prefecture", r.Prefecture);
                writer.WriteString("prefectureId", r.PrefectureId);
                writer.WriteString("verdict", r.Verdict);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteStartArray("sanctions");
            foreach (var s in result.Sanctions)
            {
                writer.WriteStartObject();
                writer.WriteString("prefecture", parties.FindById(s.PrefectureId)?.NameOn(s.StartsOn).Name ?? s.PrefectureId);
                writer.WriteString("prefectureId", s.PrefectureId);
                writer.WriteString("kind", SanctionKinds.ToCode(s.Kind));
                writer.WriteString("from", s.StartsOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                if (s.EndsOn is { } until)
                {
                    writer.WriteString("until", until.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                }

                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(stream.ToArray()) + Environment.NewLine;
    }

    internal static string Iso(DateTimeOffset instant) =>
        BeijingTime.ToBeijing(instant).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    private static void WriteIfPresent(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }
}
