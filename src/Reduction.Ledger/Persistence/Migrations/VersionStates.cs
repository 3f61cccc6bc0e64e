namespace Reduction.Ledger.Persistence.Migrations;

/// <summary>The data step of the VersionsKeepEarlierStates migrations: `ledger_versions` used to hold every state of a
/// value, the current one included; it now holds only the states a change replaced, the current one being the row
/// itself. Up removes the version rows that repeat a row's current state; Down writes them back from the rows.</summary>
internal static class VersionStates
{
    /// <summary>The statements removing the version rows of current states, for tables under <paramref name="prefix"/>
    /// (`ledger.` on PostgreSQL, empty on SQLite).</summary>
    public static IEnumerable<string> Remove(string prefix) =>
        Sources(postgres: false).Select(s => $"""
            DELETE FROM {prefix}ledger_versions
            WHERE "Kind" = '{s.Kind}' AND EXISTS (
                SELECT 1 FROM {prefix}{s.Table} AS r
                WHERE {prefix}ledger_versions."Key" = {s.Key} AND {prefix}ledger_versions."Version" = r."Version")
            """);

    /// <summary>The statements writing the current states back as version rows.</summary>
    public static IEnumerable<string> Restore(string prefix, bool postgres) =>
        Sources(postgres).Select(s => $"""
            INSERT INTO {prefix}ledger_versions ("Kind", "Key", "PrefectureId", "Version", "Value", "Source", "ChangedBy", "ChangedAt", "Reason")
            SELECT '{s.Kind}', {s.Key}, r."PrefectureId", r."Version", {s.Value}, r."Source", r."ChangedBy", r."ChangedAt", r."Reason"
            FROM {prefix}{s.Table} AS r
            """);

    /// <summary>Each kind's table, its key and its value as the store writes them (<see cref="LedgerKeys"/>).</summary>
    private static IEnumerable<(string Kind, string Table, string Key, string Value)> Sources(bool postgres)
    {
        yield return (LedgerKeys.LedgerKind, "ledger_entries",
            """r."PrefectureId" || '/' || r."Year" || '/' || r."Pollutant" || '/' || r."Sector" || '/' || r."Enterprise" """,
            """CAST(r."Tonnes" AS TEXT)""");
        yield return (LedgerKeys.TargetKind, "targets",
            """r."PrefectureId" || '/' || r."Year" || '/' || r."Pollutant" """,
            """r."Kind" || ' ' || CAST(r."Value" AS TEXT)""");
        yield return (LedgerKeys.KeyProjectKind, "key_projects",
            """r."PrefectureId" || '/' || r."Name" """,
            (postgres ? """to_char(r."DueDate", 'YYYY-MM-DD')""" : """r."DueDate" """) + """ || COALESCE(' ' || NULLIF(r."Note", ''), '')""");
    }
}
