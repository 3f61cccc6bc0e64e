using System.Globalization;
using System.Text;

namespace Reduction.Benchmarks.Support;

/// <summary>The run's figures, each beside its baseline (measured in the same run), the ratio and the goal. A missed
/// goal is reported, never thrown.</summary>
internal sealed class ResultTable
{
    private readonly List<Row> _rows = [];
    private readonly List<string> _notes = [];

    public bool HasErrors => _rows.Any(r => r.Error is not null);

    /// <param name="baseline">The figure this one is compared with, and what it is.</param>
    /// <param name="met">Whether the goal is met; null when the row has no goal.</param>
    public void Add(string id, string figure, double value, string unit, (double Value, string Unit, string What)? baseline = null, string? goal = null, bool? met = null)
    {
        lock (_rows)
        {
            _rows.Add(new Row(id, figure, value, unit, baseline, goal, met, null));
        }

        Console.WriteLine($"  {id} {figure}: {Format(value)} {unit}{(baseline is { } b ? $" (baseline {Format(b.Value)} {b.Unit}, ratio {Ratio(value, b.Value)})" : string.Empty)}{(met is { } m ? m ? " — goal met" : " — goal missed" : string.Empty)}");
    }

    public void AddError(string id, string figure, Exception error)
    {
        lock (_rows)
        {
            _rows.Add(new Row(id, figure, double.NaN, string.Empty, null, null, null, $"{error.GetType().Name}: {error.Message}"));
        }

        Console.WriteLine($"  {id} {figure}: FAILED {error}");
    }

    /// <summary>A line printed under the table (how a figure was obtained, a caveat).</summary>
    public void Note(string id, string text)
    {
        lock (_notes)
        {
            _notes.Add($"{id}: {text}");
        }

        Console.WriteLine($"  {id} {text}");
    }

    public string ToMarkdown()
    {
        var text = new StringBuilder();
        text.AppendLine("| # | Figure | Measured | Baseline | Ratio | Goal | Met |");
        text.AppendLine("|---|---|---:|---|---:|---|---|");
        foreach (var row in _rows)
        {
            if (row.Error is not null)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"| {row.Id} | {row.Figure} | FAILED: {row.Error.Replace('|', '/').ReplaceLineEndings(" ")} | | | | |");
                continue;
            }

            var baseline = row.Baseline is { } b ? $"{Format(b.Value)} {b.Unit} ({b.What})" : "—";
            var ratio = row.Baseline is { } r ? Ratio(row.Value, r.Value) : "—";
            var met = row.Met switch { true => "yes", false => "**no**", null => "—" };
            text.AppendLine(CultureInfo.InvariantCulture, $"| {row.Id} | {row.Figure} | {Format(row.Value)} {row.Unit} | {baseline} | {ratio} | {row.Goal ?? "—"} | {met} |");
        }

        if (_notes.Count > 0)
        {
            text.AppendLine();
            foreach (var note in _notes)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"- {note}");
            }
        }

        return text.ToString();
    }

    public static string Format(double value) => value switch
    {
        double.NaN => "n/a",
        _ when value == Math.Floor(value) => value.ToString("#,0", CultureInfo.InvariantCulture),
        < 10 and > -10 => value.ToString("0.00", CultureInfo.InvariantCulture),
        < 100 and > -100 => value.ToString("0.0", CultureInfo.InvariantCulture),
        _ => value.ToString("#,0", CultureInfo.InvariantCulture),
    };

    private static string Ratio(double value, double baseline) =>
        baseline <= 0 || value < 0 || double.IsNaN(baseline) || double.IsNaN(value) ? "n/a" : (value / baseline).ToString("0.00", CultureInfo.InvariantCulture) + "×";

    private sealed record Row(string Id, string Figure, double Value, string Unit, (double Value, string Unit, string What)? Baseline, string? Goal, bool? Met, string? Error);
}
