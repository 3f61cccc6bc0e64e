using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Reduction.Domain.Parties;
using Reduction.Workflows.Execution;
using Reduction.Workflows.Persistence;

namespace Reduction.Workflows.Queries;

/// <summary>The `lift-sanctions` instances, however they were started (the console, the API, the command line): only
/// their variables say which prefecture and year they lift. Lifts are few (one per failed prefecture and request), so
/// they are read whole.</summary>
internal static class LiftInstances
{
    public const string DefinitionId = "lift-sanctions";

    public static async Task<IReadOnlyList<SanctionLift>> ReadAsync(WorkflowDbContext db, PartyDirectory parties, CancellationToken cancellationToken)
    {
        var rows = await db.Instances.AsNoTracking().Where(i => i.DefinitionId == DefinitionId && i.ParentInstanceId == null)
            .Select(i => new { i.Id, i.StateJson, i.Status, i.CreatedAt, i.FinishedAt }).ToListAsync(cancellationToken);
        var lifts = new List<SanctionLift>();
        foreach (var row in rows)
        {
            var variables = InstanceState.Parse(row.StateJson).Variables;
            if (Text(variables["prefecture"]) is { } prefecture && parties.FindByName(prefecture) is { } party && Number(variables["year"]) is { } year)
            {
                lifts.Add(new SanctionLift(row.Id, party.Id, year - 1, row.Status, row.CreatedAt, row.FinishedAt));
            }
        }

        return lifts.OrderByDescending(l => l.CreatedAt).ThenByDescending(l => l.InstanceId).ToList();
    }

    private static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    private static int? Number(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<int>(out var number) ? number
        : node is JsonValue text && text.TryGetValue<string>(out var s) && int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out number) ? number
        : node is JsonValue real && real.TryGetValue<double>(out var d) && d == Math.Floor(d) ? (int)d
        : null;
}
