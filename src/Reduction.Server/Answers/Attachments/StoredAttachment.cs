using System.Text.Json.Nodes;

namespace Reduction.Server.Answers.Attachments;

/// <summary>An attachment as the submission's data references it: `{"name", "size", "sha256", "contentType"}`. The
/// file itself is the n-th of its revision's folder (see <see cref="AttachmentStore"/>).</summary>
public sealed record StoredAttachment(string Name, long Size, string Sha256, string ContentType)
{
    public string Extension => Path.GetExtension(Name).ToLowerInvariant();

    public JsonObject ToJson() => new() { ["name"] = Name, ["size"] = Size, ["sha256"] = Sha256, ["contentType"] = ContentType };

    public static IReadOnlyList<StoredAttachment> ListOf(JsonNode? data) =>
        (data?["attachments"] as JsonArray ?? [])
        .OfType<JsonObject>()
        .Select(a => new StoredAttachment(
            // Cleaned again when shown: answers stored before names were cleaned of bidirectional controls.
            AttachmentCheck.CleanName(a["name"]?.GetValue<string>()),
            a["size"]?.GetValue<long>() ?? 0,
            a["sha256"]?.GetValue<string>() ?? string.Empty,
            a["contentType"]?.GetValue<string>() ?? "application/octet-stream"))
        .ToList();
}
