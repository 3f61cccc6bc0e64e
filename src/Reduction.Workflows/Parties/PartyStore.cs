using Microsoft.EntityFrameworkCore;
using Reduction.Domain.Parties;
using Reduction.Workflows.Auditing;
using Reduction.Workflows.Persistence;

namespace Reduction.Workflows.Parties;

/// <summary>
/// The parties administrators keep (tables `party_records`, one row per party, and `party_versions`, one row per saved
/// change): renames (a name with its validFrom and basis), the addresses the party's notices go to, and who signs its
/// documents. Seeded from the shipped data file and the contacts file (<see cref="SeedAsync"/>), applied to the
/// process's <see cref="PartyDirectory"/> whole (<see cref="PartyDirectory.ApplyStored"/>). A save through this store
/// applies at once; one by another process is applied by <see cref="RefreshAsync"/>, which reads the table again only
/// when the version counter (highest version id and number of version rows) moved. Servers call it on start and every
/// <see cref="RefreshInterval"/>.
/// </summary>
/// <param name="time">Stamps changes (the drill clock in rehearsals).</param>
public sealed class PartyStore(WorkflowDatabase database, PartyDirectory parties, TimeProvider? time = null)
{
    /// <summary>How often a server looks for changes saved by other processes.</summary>
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(10);

    /// <summary>Longest reason kept with a change.</summary>
    public const int MaxReasonLength = 500;

    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly SemaphoreSlim _applying = new(1, 1);
    private long _appliedVersion = -1;
    private long _appliedCount = -1;

    /// <summary>The directory the stored parties are applied to.</summary>
    public PartyDirectory Parties => parties;

    /// <summary>The highest version id applied (0: nothing stored; -1: not read yet).</summary>
    public long AppliedVersion => Interlocked.Read(ref _appliedVersion);

    /// <summary>Applies the stored parties when the version counter moved since they were last applied (or always with
    /// <paramref name="force"/>); true when it applied them.</summary>
    /// <exception cref="InvalidOperationException">A stored row no longer reads, or two parties share a name.</exception>
    public async Task<bool> RefreshAsync(bool force = false, CancellationToken cancellationToken = default)
    {
        await _applying.WaitAsync(cancellationToken);
        try
        {
            await using var db = database.CreateContext();
            var counter = await db.PartyVersions.GroupBy(v => 1).Select(g => new { Max = g.Max(v => v.Id), Count = g.LongCount() }).SingleOrDefaultAsync(cancellationToken);
            var (version, count) = (counter?.Max ?? 0, counter?.Count ?? 0);
            if (!force && version == Interlocked.Read(ref _appliedVersion) && count == Interlocked.Read(ref _appliedCount))
            {
                return false;
            }

            var rows = await db.PartyRecords.AsNoTracking().ToListAsync(cancellationToken);
            try
            {
                parties.ApplyStored([.. rows.Select(r => StoredPartyJson.Read(r.PartyId, r.Json))]);
            }
            catch (Exception e) when (e is FormatException or ArgumentException)
            {
                throw new InvalidOperationException(e.Message, e);
            }

            Interlocked.Exchange(ref _appliedVersion, version);
            Interlocked.Exchange(ref _appliedCount, count);
            return true;
        }
        finally
        {
            _applying.Release();
        }
    }

    /// <summary>Stores every shipped party that has no row yet (version 1, change `seed`), with its contacts from
    /// <paramref name="contactsOf"/> (null: none known, the contacts file keeps deciding), and fills in the contacts of a
    /// stored party that has none once they are known. Safe to run on every start and on several servers at once.</summary>
    /// <returns>How many rows were written.</returns>
    public async Task<int> SeedAsync(Func<string, IReadOnlyList<PartyContact>?>? contactsOf = null, CancellationToken cancellationToken = default)
    {
        var written = 0;
        var now = _time.GetUtcNow().ToUniversalTime();
        await using (var db = database.CreateContext())
        {
            await using var transaction = await database.BeginWriteTransactionAsync(db, cancellationToken);
            var rows = await db.PartyRecords.ToDictionaryAsync(r => r.PartyId, StringComparer.Ordinal, cancellationToken);
            foreach (var party in parties.Shipped)
            {
                var contacts = contactsOf?.Invoke(party.Id) is { Count: > 0 } known ? known : null;
                if (rows.TryGetValue(party.Id, out var row))
                {
                    var stored = StoredPartyJson.Read(row.PartyId, row.Json);
                    if (stored.Contacts is not null || contacts is null)
                    {
                        continue;
                    }

                    Write(db, row, stored with { Contacts = contacts }, PartyChanges.Seed, "联系人取自联系人文件", "seed", AuditActor.System.User, now);
                }
                else
                {
                    row = new PartyRecord { PartyId = party.Id, Json = "{}", ChangedBy = AuditActor.System.User };
                    db.PartyRecords.Add(row);
                    Write(db, row, new StoredParty(party.Id, party.Names, contacts, party.Signatory), PartyChanges.Seed, "取自随附的单位数据文件", "seed", AuditActor.System.User, now);
                }

                written++;
            }

            if (written > 0)
            {
                try
                {
                    await db.SaveChangesAsync(cancellationToken);
                    await transaction.CommitAsync(cancellationToken);
                }
                catch (DbUpdateException)
                {
                    // Another server seeded the same parties first (PostgreSQL, read committed): its rows stand.
                    written = 0;
                }
            }
        }

        await RefreshAsync(force: true, cancellationToken);
        return written;
    }

    /// <summary>The current version of every stored party.</summary>
    public async Task<IReadOnlyList<PartyVersion>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var db = database.CreateContext();
        var rows = await db.PartyRecords.AsNoTracking().ToListAsync(cancellationToken);
        return [.. rows.OrderBy(r => r.PartyId, StringComparer.Ordinal)
            .Select(r => new PartyVersion(r.PartyId, r.Version, "", StoredPartyJson.Read(r.PartyId, r.Json), null, null, r.ChangedBy, r.ChangedAt))];
    }

    /// <summary>Every saved change of the party, newest first.</summary>
    public async Task<IReadOnlyList<PartyVersion>> HistoryAsync(string partyId, CancellationToken cancellationToken = default)
    {
        await using var db = database.CreateContext();
        var rows = await db.PartyVersions.AsNoTracking().Where(v => v.PartyId == partyId).OrderByDescending(v => v.Version).ToListAsync(cancellationToken);
        return [.. rows.Select(r => new PartyVersion(r.PartyId, r.Version, r.Change, StoredPartyJson.Read(r.PartyId, r.Json), r.Reason, r.Via, r.ChangedBy, r.ChangedAt))];
    }

    /// <summary>更名: adds a name valid from its date (the party keeps its earlier names); audited as `party.rename`.</summary>
    /// <exception cref="KeyNotFoundException">No such party (Chinese message).</exception>
    /// <exception cref="ArgumentException">The name is refused (<see cref="PartyDirectory.CheckRename"/>) or no reason is given (Chinese message).</exception>
    public Task<PartyVersion> AddNameAsync(string partyId, PartyName name, string? reason, AuditActor actor, string via, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(name);
        name = new PartyName(name.Name.Trim(), name.IssuingBody.Trim(), name.ValidFrom, string.IsNullOrWhiteSpace(name.Basis) ? null : name.Basis.Trim());
        return ChangeAsync(partyId, PartyChanges.Rename, reason, actor, via, (party, stored) =>
            parties.CheckRename(party, name) is { } error
                ? throw new ArgumentException(error, nameof(name))
                : stored with { Names = [.. stored.Names, name] },
            string.Create(System.Globalization.CultureInfo.InvariantCulture, $"name={name.Name}; issuingBody={name.IssuingBody}; validFrom={name.ValidFrom:yyyy-MM-dd}"),
            cancellationToken);
    }

    /// <summary>Replaces the addresses the party's notices go to; audited as `party.contacts`.</summary>
    /// <exception cref="KeyNotFoundException">No such party (Chinese message).</exception>
    /// <exception cref="ArgumentException">A contact is refused (<see cref="PartyContact.Check"/>) or no reason is given (Chinese message).</exception>
    public Task<PartyVersion> SetContactsAsync(string partyId, IReadOnlyList<PartyContact> contacts, string? reason, AuditActor actor, string via, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(contacts);
        contacts = [.. contacts.Select(c => new PartyContact(string.IsNullOrWhiteSpace(c.Name) ? null : c.Name.Trim(), (c.Email ?? "").Trim(), c.Admin))];
        if (PartyContact.Check(contacts) is { } error)
        {
            throw new ArgumentException(error, nameof(contacts));
        }

        return ChangeAsync(partyId, PartyChanges.Contacts, reason, actor, via, (_, stored) => stored with { Contacts = contacts },
            "emails=" + string.Join(",", contacts.Select(c => c.Admin ? c.Email + "(admin)" : c.Email)), cancellationToken);
    }

    /// <summary>Sets who signs the party's documents (null: nobody named); audited as `party.signatory`.</summary>
    /// <exception cref="KeyNotFoundException">No such party (Chinese message).</exception>
    /// <exception cref="ArgumentException">The signatory is refused (<see cref="PartySignatory.Check"/>) or no reason is given (Chinese message).</exception>
    public Task<PartyVersion> SetSignatoryAsync(string partyId, PartySignatory? signatory, string? reason, AuditActor actor, string via, CancellationToken cancellationToken = default)
    {
        signatory = signatory is null ? null : new PartySignatory(signatory.Name.Trim(), signatory.Title.Trim());
        if (signatory is not null && PartySignatory.Check(signatory) is { } error)
        {
            throw new ArgumentException(error, nameof(signatory));
        }

        return ChangeAsync(partyId, PartyChanges.Signatory, reason, actor, via, (_, stored) => stored with { Signatory = signatory },
            signatory is null ? "signatory=none" : $"signatory={signatory}", cancellationToken);
    }

    /// <summary>The Chinese refusal for a change's reason, or null.</summary>
    public static string? CheckReason(string? reason) =>
        string.IsNullOrWhiteSpace(reason) ? "请填写修改原因（将记入版本历史）。"
        : reason.Trim().Length > MaxReasonLength ? $"修改原因不超过 {MaxReasonLength} 个字符。"
        : null;

    private async Task<PartyVersion> ChangeAsync(
        string partyId,
        string change,
        string? reason,
        AuditActor actor,
        string via,
        Func<Party, StoredParty, StoredParty> apply,
        string detail,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var shipped = parties.Shipped.FirstOrDefault(p => p.Id == partyId) ?? throw new KeyNotFoundException($"没有单位“{Clip(partyId)}”。");
        if (CheckReason(reason) is { } reasonError)
        {
            throw new ArgumentException(reasonError, nameof(reason));
        }

        reason = reason!.Trim();
        var now = _time.GetUtcNow().ToUniversalTime();
        PartyVersion result;
        var audited = $"via={via}; {detail}";
        using (AuditScope.Record(actor.Entry("party." + change, "party", partyId, detail: audited[..Math.Min(audited.Length, 2000)])))
        {
            await using var db = database.CreateContext();
            await using var transaction = await database.BeginWriteTransactionAsync(db, cancellationToken);
            var row = database.IsPostgres
                ? await db.PartyRecords.FromSqlInterpolated($"SELECT * FROM workflows.party_records WHERE \"PartyId\" = {partyId} FOR UPDATE").SingleOrDefaultAsync(cancellationToken)
                : await db.PartyRecords.SingleOrDefaultAsync(r => r.PartyId == partyId, cancellationToken);
            var current = row is null
                ? new StoredParty(partyId, shipped.Names, null, shipped.Signatory)
                : StoredPartyJson.Read(partyId, row.Json);
            if (row is null)
            {
                row = new PartyRecord { PartyId = partyId, Json = "{}", ChangedBy = actor.User };
                db.PartyRecords.Add(row);
            }

            var next = apply(new Party(partyId, shipped.Role, current.Names), current);
            if (row.Version > 0 && StoredPartyJson.Write(next) == row.Json)
            {
                // Saving what is already there adds no version (and no change to audit beyond the request itself).
                return new PartyVersion(partyId, row.Version, change, current, reason, via, row.ChangedBy, row.ChangedAt, Unchanged: true);
            }

            Write(db, row, next, change, reason, via, actor.User, now);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            result = new PartyVersion(partyId, row.Version, change, next, reason, via, actor.User, now);
        }

        await RefreshAsync(cancellationToken: CancellationToken.None);
        return result;
    }

    private static void Write(WorkflowDbContext db, PartyRecord row, StoredParty party, string change, string? reason, string via, string user, DateTimeOffset now)
    {
        var json = StoredPartyJson.Write(party);
        (row.Json, row.Version, row.ChangedBy, row.ChangedAt) = (json, row.Version + 1, user, now);
        db.PartyVersions.Add(new PartyVersionRecord
        {
            PartyId = row.PartyId,
            Version = row.Version,
            Change = change,
            Json = json,
            Reason = reason,
            Via = via.Length <= 300 ? via : via[..300],
            ChangedBy = user,
            ChangedAt = now,
        });
    }

    private static string Clip(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
