using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Reduction.Domain.Calendar;

namespace Reduction.Server.Hosting;

/// <summary>A <see cref="DateTime"/> in the API is an instant in UTC (what the stores keep, Hangfire included), written
/// as Beijing time with its offset like <see cref="BeijingInstantConverter"/>.</summary>
public sealed class BeijingDateTimeConverter : JsonConverter<DateTime>
{
    public override DateTime Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.GetDateTimeOffset().UtcDateTime;

    public override void Write(Utf8JsonWriter writer, DateTime value, JsonSerializerOptions options)
    {
        var utc = value.Kind == DateTimeKind.Local ? value.ToUniversalTime() : DateTime.SpecifyKind(value, DateTimeKind.Utc);
        writer.WriteStringValue(BeijingTime.ToBeijing(new DateTimeOffset(utc)).ToString(BeijingInstantConverter.Format, CultureInfo.InvariantCulture));
    }
}
