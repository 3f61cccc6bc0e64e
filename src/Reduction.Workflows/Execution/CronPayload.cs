using System.Text.Json;

namespace Reduction.Workflows.Execution;

/// <summary>What a cron timer row points at: a trigger of one published version.</summary>
internal sealed record CronPayload(string DefinitionId, int Version, int TriggerIndex)
{
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    public static CronPayload Parse(string? json) => JsonSerializer.Deserialize<CronPayload>(json ?? "{}", JsonOptions)
        ?? throw new InvalidOperationException("cron timer without payload");

    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);
}
