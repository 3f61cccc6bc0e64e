using System.Globalization;
using Reduction.Domain.Parties;
using Reduction.Ledger;
using Reduction.Ledger.Workbooks;
using Reduction.Workflows.PlanPeriods;

namespace Reduction.Server.Ledger;

/// <summary>What an import came to: <see cref="StatusCodes.Status200OK"/> with the counts, 422 with the errors (nothing
/// stored), 400 for a kind that does not import, 403 for a caller who may not import that kind. The message is the
/// Chinese sentence the API and the console show.</summary>
public sealed record LedgerImportOutcome(int Status, string Message, int Rows = 0, LedgerSaveCounts? Counts = null, ImportErrors? Errors = null)
{
    public bool Stored => Counts is not null;
}

/// <summary>One import, for `POST /api/imports` and the console's import forms alike: who may import what (the EPB
/// everything; a prefecture its own ledger lines; targets and key projects are the EPB's), every cell checked, then the
/// whole workbook stored or nothing.</summary>
public sealed class LedgerImporter(LedgerStore store, PlanPeriodStore periods, PartyDirectory parties)
{
    public async Task<LedgerImportOutcome> ImportAsync(string? kind, byte[] bytes, PartyScope scope, string user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        ArgumentNullException.ThrowIfNull(scope);
        if (kind is null || !WorkbookKinds.Importable.Contains(kind))
        {
            return new(StatusCodes.Status400BadRequest, "kind 应为 targets（减排目标）、key-projects（重点项目）或 ledger（排放总量台账）。");
        }

        if (Refusal(kind, scope) is { } refusal)
        {
            return new(StatusCodes.Status403Forbidden, refusal);
        }

        var context = new WorkbookContext(parties, await periods.GetCatalogAsync(cancellationToken), scope.IsEverything ? null : scope.PartyId);
        var change = new LedgerChange(user, LedgerSources.Import);
        return kind switch
        {
            WorkbookKinds.Targets => await StoreAsync(LedgerWorkbookReader.ReadTargets(bytes, context), v => store.SaveTargetsAsync(v, change, cancellationToken)),
            WorkbookKinds.KeyProjects => await StoreAsync(LedgerWorkbookReader.ReadKeyProjects(bytes, context), v => store.SaveKeyProjectsAsync(v, change, cancellationToken)),
            _ => await ImportLedgerAsync(bytes, context, change, cancellationToken),
        };
    }

    /// <summary>The ledger is stored while the workbook is checked (<see cref="LedgerWorkbookImport"/>), all or nothing.</summary>
    private async Task<LedgerImportOutcome> ImportLedgerAsync(byte[] bytes, WorkbookContext context, LedgerChange change, CancellationToken cancellationToken)
    {
        var (read, counts) = await LedgerWorkbookImport.ImportLedgerAsync(store, bytes, context, change, cancellationToken);
        return await StoreAsync(read, _ => Task.FromResult(counts ?? throw new InvalidOperationException("a stored workbook without counts")));
    }

    /// <summary>Why the caller may not import <paramref name="kind"/>, or null when it may.</summary>
    public static string? Refusal(string kind, PartyScope scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        if (scope.IsEverything || (kind == WorkbookKinds.Ledger && scope.Role == PartyRole.Prefecture))
        {
            return null;
        }

        return kind == WorkbookKinds.Ledger ? "只有地市和区生态环境厅可以导入排放总量台账。" : "减排目标和重点项目由区生态环境厅按目标责任书导入。";
    }

    private static async Task<LedgerImportOutcome> StoreAsync<T>(WorkbookRead<T> read, Func<IReadOnlyList<T>, Task<LedgerSaveCounts>> save)
    {
        if (!read.Ok)
        {
            return new(StatusCodes.Status422UnprocessableEntity, string.Create(CultureInfo.InvariantCulture, $"工作簿有 {read.Errors.Count} 处错误，未导入任何数据。请改正后重新导入。"), Errors: read.Errors);
        }

        if (read.Values.Count == 0)
        {
            return new(StatusCodes.Status422UnprocessableEntity, "工作簿中没有任何数据行。", Errors: new ImportErrors());
        }

        var counts = await save(read.Values);
        return new(
            StatusCodes.Status200OK,
            string.Create(CultureInfo.InvariantCulture, $"已导入 {read.Values.Count} 行：新增 {counts.Added}，修改 {counts.Changed}，未变 {counts.Unchanged}。"),
            read.Values.Count,
            counts);
    }
}
