using System.Globalization;
using Reduction.Domain.PlanPeriods;
using Reduction.Ledger;

namespace Reduction.Server.Components.Pages.Console.Ledger;

/// <summary>How the ledger pages write figures, sources and stored version values for people.</summary>
public static class LedgerLabels
{
    /// <summary>Tonnes with thousands separators and at most four decimals (the ledger keeps what was given).</summary>
    public static string Tonnes(decimal value) => value.ToString("#,##0.####", CultureInfo.InvariantCulture);

    public static string Percent(decimal value) => value.ToString("0.####", CultureInfo.InvariantCulture) + "%";

    /// <summary>A target's value as its kind reads it: a cap in tonnes, a change in percent.</summary>
    public static string Target(string kind, decimal value) =>
        TargetKinds.TryParse(kind, out var k) && k == TargetKind.CapTonnes ? Tonnes(value) + " 吨" : Percent(value);

    public static string Kind(string kind) => TargetKinds.TryParse(kind, out var k) ? TargetKinds.DisplayName(k) : kind;

    public static string Pollutant(string code) => Domain.PlanPeriods.Pollutant.FindKnown(code) is { } p ? $"{p.Name}（{p.Code}）" : code;

    /// <summary>A stored version's value (`ledger_versions.value`) in words: tonnes, a target's kind and value, a key
    /// project's due date and note.</summary>
    public static string Version(string kind, string value)
    {
        switch (kind)
        {
            case LedgerKeys.LedgerKind when decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out var tonnes):
                return Tonnes(tonnes) + " 吨";
            case LedgerKeys.TargetKind when value.Split(' ', 2) is [var code, var number] && decimal.TryParse(number, NumberStyles.Number, CultureInfo.InvariantCulture, out var target):
                return $"{Kind(code)} {Target(code, target)}";
            case LedgerKeys.KeyProjectKind:
                var space = value.IndexOf(' ', StringComparison.Ordinal);
                return space < 0 ? $"完成期限 {value}" : $"完成期限 {value[..space]}；{value[(space + 1)..]}";
            default:
                return value;
        }
    }

    public static string History(string kind, string key) =>
        $"/console/ledger/history?kind={Uri.EscapeDataString(kind)}&key={Uri.EscapeDataString(key)}";
}
