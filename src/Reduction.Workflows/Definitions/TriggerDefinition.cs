using System.Text.Json;

namespace Reduction.Workflows.Definitions;

/// <summary>What starts an instance: `cron` (expression in a named time zone), `manual`, or `signal` (by name).</summary>
public sealed class TriggerDefinition
{
    public required string Kind { get; set; }

    /// <summary>Five-field cron expression, for `cron`.</summary>
    public string? Cron { get; set; }

    /// <summary>IANA time zone of the cron expression; Asia/Shanghai when absent.</summary>
    public string? TimeZone { get; set; }

    /// <summary>Signal name, for `signal`.</summary>
    public string? Signal { get; set; }

    /// <summary>Scriban template of the started instance's business key, e.g. `annual-cycle:{{ trigger.year }}`:
    /// a key already used is never started again, so one period gets one instance across republishes and cron changes.</summary>
    public string? CorrelationKey { get; set; }

    /// <summary>Variables given to the started instance; values may be Scriban templates over `trigger` (e.g. `{{ trigger.year }}`).</summary>
    public Dictionary<string, JsonElement>? Input { get; set; }
}
