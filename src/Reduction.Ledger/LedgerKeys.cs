using System.Globalization;

namespace Reduction.Ledger;

/// <summary>The names of stored values in `ledger_versions`: the kind and a key of the value's identity.</summary>
public static class LedgerKeys
{
    public const string LedgerKind = "ledger";

    public const string TargetKind = "target";

    public const string KeyProjectKind = "key-project";

    public static string Entry(string prefectureId, int year, string pollutant, string sector, string enterprise) =>
        string.Create(CultureInfo.InvariantCulture, $"{prefectureId}/{year}/{pollutant}/{sector}/{enterprise}");

    public static string Target(string prefectureId, int year, string pollutant) =>
        string.Create(CultureInfo.InvariantCulture, $"{prefectureId}/{year}/{pollutant}");

    public static string KeyProject(string prefectureId, string name) => $"{prefectureId}/{name}";
}
