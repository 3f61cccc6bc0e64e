using System.Text.Json.Nodes;
using Reduction.Workflows.Queries;

namespace Reduction.Server.Instances;

/// <summary>One line of an instance's journal: what happened, where, and why (zh-CN message).</summary>
public sealed record JournalEntry(long Id, DateTimeOffset At, string? ActivityId, string Event, string Message, JsonNode? Data)
{
    public static JournalEntry From(JournalLine record) => new(
        record.Id,
        record.At,
        record.ActivityId,
        record.Event,
        record.Message,
        record.Data);
}
