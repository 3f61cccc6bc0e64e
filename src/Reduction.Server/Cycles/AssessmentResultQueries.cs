using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Reduction.Domain.Calendar;
using Reduction.Domain.Parties;
using Reduction.Workflows.Activities.Assessment;
using Reduction.Workflows.Execution;

namespace Reduction.Server.Cycles;

/// <summary>
/// A cycle year's assessment results as the caller may read them. They are the variable <c>results</c> of the year's
/// <c>annual-cycle</c> instance (correlation key <c>annual-cycle:{year}</c>), one object per evaluated prefecture in the
/// <c>reduction assess</c> output contract (docs/assess.md) with <c>prefecture</c>, <c>prefecture_name</c> and each
/// pollutant finding's <c>targetSource</c>, and <c>results_held</c>, the prefectures whose case could not be evaluated.
/// The scope decides before anything is read: the EPB, the assessing departments and the government read every
/// prefecture, a prefecture's member its own only, any other caller (an account bound to no party) nothing, and the
/// instance is then not even loaded. A result outside the scope is dropped as the variable is read and never becomes a
/// <see cref="PrefectureResult"/>, so no page or workbook can show it.
/// </summary>
public sealed class AssessmentResultQueries(WorkflowRuntime runtime)
{
    /// <summary>The variable the shipped cycle's evaluation writes (and its held-back list, with
    /// <see cref="EvaluateAssessment.HeldSuffix"/>).</summary>
    public const string ResultsVariable = "results";

    /// <summary>The results of cycle year <paramref name="year"/> (which assesses the year before) that
    /// <paramref name="scope"/> may read, optionally of one prefecture, in the party directory's order; empty when the
    /// year has no cycle or no results yet.</summary>
    public async Task<IReadOnlyList<PrefectureResult>> GetAsync(PartyScope scope, int year, string? prefectureId = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scope);
        if (Visible(scope) is not { } visible || (prefectureId is not null && !visible(prefectureId)))
        {
            return [];
        }

        string? stateJson;
        var key = CycleStarter.CorrelationKey(year);
        await using (var db = runtime.Database.CreateContext())
        {
            stateJson = await db.Instances.AsNoTracking()
                .Where(i => i.CorrelationKey == key && i.DefinitionId == CycleStarter.DefinitionId)
                .Select(i => i.StateJson)
                .FirstOrDefaultAsync(cancellationToken);
        }

        if (stateJson is null)
        {
            return [];
        }

        var variables = InstanceState.Parse(stateJson).Variables;
        var evaluated = (variables[ResultsVariable] as JsonArray ?? []).OfType<JsonObject>().ToList();
        var held = (variables[ResultsVariable + EvaluateAssessment.HeldSuffix] as JsonArray ?? []).OfType<JsonObject>().ToList();
        bool Wanted(string? id) => id is not null && visible(id) && (prefectureId is null || id == prefectureId);

        // The year every evaluated case was assessed for (a held case has none of its own): the cycle's year before.
        var assessedYear = evaluated.Select(r => Number(r["year"])).FirstOrDefault(y => y is not null) ?? year - 1;
        var today = BeijingTime.DateOf(runtime.UtcNow());
        var results = new List<PrefectureResult>();
        foreach (var result in evaluated)
        {
            var id = Text(result["prefecture"]) ?? Text(result["prefectureId"]);
            if (!Wanted(id))
            {
                continue;
            }

            var findings = (result["findings"] as JsonArray ?? []).OfType<JsonObject>().Select(f => new ResultFinding(
                Text(f["criterion"]) ?? string.Empty,
                Text(f["subject"]),
                Text(f["actual"]) ?? string.Empty,
                Text(f["required"]) ?? string.Empty,
                Text(f["outcome"]) ?? string.Empty,
                Text(f["basis"]) ?? string.Empty,
                Text(f["note"]),
                Text(f["targetSource"]),
                Text(f["actualExact"]),
                Text(f["requiredExact"]))).ToList();
            results.Add(new PrefectureResult(id!, Text(result["prefecture_name"]) ?? NameOf(id!, today), Number(result["year"]) ?? assessedYear, Text(result["verdict"]) ?? string.Empty, findings, []));
        }

        foreach (var entry in held)
        {
            var id = Text(entry["prefecture"]);
            if (!Wanted(id) || results.Any(r => r.PrefectureId == id))
            {
                continue;
            }

            var errors = (entry["errors"] as JsonArray ?? []).OfType<JsonObject>().Select(e => new HeldField(Text(e["field"]), Text(e["message"]) ?? string.Empty)).ToList();
            results.Add(new PrefectureResult(id!, Text(entry["prefecture_name"]) ?? NameOf(id!, today), assessedYear, PrefectureResult.Held, [], errors));
        }

        var order = runtime.Parties.Parties.Select((p, i) => (p.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
        return results.OrderBy(r => order.GetValueOrDefault(r.PrefectureId, int.MaxValue)).ThenBy(r => r.PrefectureId, StringComparer.Ordinal).ToList();
    }

    /// <summary>Which prefectures' results the scope reads; null when none.</summary>
    internal static Func<string, bool>? Visible(PartyScope scope)
    {
        if (scope.ReadsAssessmentData)
        {
            return _ => true;
        }

        if (scope.Role == PartyRole.Prefecture && scope.PartyId is { } own)
        {
            return id => string.Equals(id, own, StringComparison.Ordinal);
        }

        return null;
    }

    private string NameOf(string prefectureId, DateOnly day) => runtime.Parties.FindById(prefectureId)?.NameOn(day).Name ?? prefectureId;

    private static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    private static int? Number(JsonNode? node) => node is JsonValue value && value.TryGetValue<int>(out var number) ? number : null;
}

/// <summary>A prefecture's result of a cycle year: evaluated (<see cref="Verdict"/> <c>pass</c> or <c>fail</c>, with
/// its findings), or held back (<see cref="Held"/>, with the fields of its case that could not be read).</summary>
public sealed record PrefectureResult(
    string PrefectureId,
    string PrefectureName,
    int AssessedYear,
    string Verdict,
    IReadOnlyList<ResultFinding> Findings,
    IReadOnlyList<HeldField> Errors)
{
    /// <summary>The verdict of a prefecture whose case was held back.</summary>
    public const string Held = "held";
}

/// <summary>One finding of a result, as the contract writes it: criterion and outcome codes, the subject (pollutant code
/// or project name; none for an indicator), the zh-CN display values, the article, the note and, for a pollutant target,
/// where the target came from, and the exact values compared (fractions such as <c>7600/10000</c>) where given.</summary>
public sealed record ResultFinding(
    string Criterion,
    string? Subject,
    string Actual,
    string Required,
    string Outcome,
    string Basis,
    string? Note,
    string? TargetSource,
    string? ActualExact = null,
    string? RequiredExact = null);

/// <summary>A field of a held-back case and why it could not be read.</summary>
public sealed record HeldField(string? Field, string Message);
