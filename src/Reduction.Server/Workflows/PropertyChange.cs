using System.Text.Json.Nodes;

namespace Reduction.Server.Workflows;

/// <summary>One property that differs between two versions, old against new (null where absent); for a deadline
/// rule, reminders or escalation steps, with `year` asked for, also the dates they give (null when they have none).</summary>
public sealed record PropertyChange(string Name, JsonNode? Old, JsonNode? New, IReadOnlyList<string>? OldDates = null, IReadOnlyList<string>? NewDates = null);
