using System.Text.Json.Nodes;

namespace Reduction.Workflows.Queries;

/// <summary>One line of an instance's journal: what happened, where, and why (zh-CN message).</summary>
public sealed record JournalLine(long Id, DateTimeOffset At, string? ActivityId, string Event, string Message, JsonNode? Data);
