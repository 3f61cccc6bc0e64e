using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Reduction.Domain.Calendar;

namespace Reduction.Server.Hosting;

/// <summary>Writes every instant of the API as Beijing time with its offset (`2015-03-31T23:59:59+08:00`), as the
/// CLI's JSON does, whatever offset the database returned it with; reads any ISO 8601 instant.</summary>
public sealed class BeijingInstantConverter : JsonConverter<DateTimeOffset>
{
    /// <summary>Seconds always, fractions only when there are some.</summary>
    public const string Format = "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz";

    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.GetDateTimeOffset();

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(BeijingTime.ToBeijing(value).ToString(Format, CultureInfo.InvariantCulture));
}
