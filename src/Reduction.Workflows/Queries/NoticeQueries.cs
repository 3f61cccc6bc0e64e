using System.Linq.Expressions;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Reduction.Domain.Parties;
using Reduction.Workflows.Persistence;

namespace Reduction.Workflows.Queries;

/// <summary>Notices as a caller may read them: those addressed to its party or its role (<see cref="ScopeFilters"/>).</summary>
public sealed class NoticeQueries(WorkflowDatabase database)
{
    /// <summary>Newest first, at most <paramref name="take"/>.</summary>
    public async Task<IReadOnlyList<NoticeInfo>> ListAsync(PartyScope scope, NoticeStatus? status = null, int take = 100, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scope);
        await using var db = database.CreateContext();
        var query = db.Notices.AsNoTracking().VisibleTo(scope);
        if (status is not null)
        {
            query = query.Where(n => n.Status == status);
        }

        var notices = await query.OrderByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id).Take(take).ToListAsync(cancellationToken);
        return notices.Select(ToInfo).ToList();
    }

    /// <summary>A page of the notices in <paramref name="scope"/> that match <paramref name="filter"/>, newest first.</summary>
    public async Task<NoticePage> PageAsync(PartyScope scope, NoticeFilter? filter, int skip, int take, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scope);
        await using var db = database.CreateContext();
        var query = Filtered(db.Notices.AsNoTracking().VisibleTo(scope), filter ?? NoticeFilter.None);
        var total = await query.CountAsync(cancellationToken);
        var notices = await query.OrderByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id)
            .Skip(Math.Max(0, skip)).Take(Math.Clamp(take, 1, 1000)).ToListAsync(cancellationToken);
        return new NoticePage(notices.Select(ToInfo).ToList(), total);
    }

    /// <summary>The delivery history of a notice in <paramref name="scope"/>, oldest first; empty when it is not there.</summary>
    public async Task<IReadOnlyList<NoticeAttempt>> AttemptsAsync(PartyScope scope, Guid noticeId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scope);
        await using var db = database.CreateContext();
        var visible = db.Notices.AsNoTracking().VisibleTo(scope).Where(n => n.Id == noticeId).Select(n => n.Id);
        return await db.NoticeAttempts.AsNoTracking().Where(a => visible.Contains(a.NoticeId))
            .OrderBy(a => a.At).ThenBy(a => a.Id)
            .Select(a => new NoticeAttempt(a.At, a.Outcome, a.Detail, a.By))
            .ToListAsync(cancellationToken);
    }

    /// <summary>Null when there is no such notice or the caller may not see it.</summary>
    public async Task<NoticeInfo?> GetAsync(PartyScope scope, Guid noticeId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scope);
        await using var db = database.CreateContext();
        var notice = await db.Notices.AsNoTracking().VisibleTo(scope).SingleOrDefaultAsync(n => n.Id == noticeId, cancellationToken);
        return notice is null ? null : ToInfo(notice);
    }

    private static IQueryable<NoticeRecord> Filtered(IQueryable<NoticeRecord> query, NoticeFilter filter)
    {
        if (filter.Recipient is { Length: > 0 } || filter.RecipientParties is { Count: > 0 })
        {
            query = query.Where(AddressedTo(filter.Recipient, filter.RecipientParties ?? []));
        }

        if (filter.Subject is { Length: > 0 } subject)
        {
            query = query.Where(n => n.Subject != null && n.Subject.Contains(subject));
        }

        if (filter.TemplateKey is { } template)
        {
            query = query.Where(n => n.TemplateKey == template);
        }

        if (filter.PartyId is { } party)
        {
            var quoted = $"\"{party}\"";
            query = query.Where(n => n.RecipientPartiesJson.Contains(quoted));
        }

        if (filter.Status is { } status)
        {
            query = query.Where(n => n.Status == status);
        }

        // PostgreSQL takes instants in UTC only.
        if (filter.CreatedFrom?.ToUniversalTime() is { } from)
        {
            query = query.Where(n => n.CreatedAt >= from);
        }

        if (filter.CreatedTo?.ToUniversalTime() is { } to)
        {
            query = query.Where(n => n.CreatedAt < to);
        }

        if (filter.TaskId is { } taskId)
        {
            query = query.Where(n => n.TaskId == taskId);
        }

        return query;
    }

    /// <summary>`n.Recipients` contains the text in any case, or the notice names one of the parties: one condition
    /// ORed together, so both providers filter in the database.</summary>
    private static Expression<Func<NoticeRecord, bool>> AddressedTo(string? text, IReadOnlyList<string> parties)
    {
        var notice = Expression.Parameter(typeof(NoticeRecord), "n");
        var contains = typeof(string).GetMethod(nameof(string.Contains), [typeof(string)])!;
        Expression? condition = null;
        if (text is { Length: > 0 })
        {
            var recipients = Expression.Property(notice, nameof(NoticeRecord.Recipients));
            var lower = Expression.Call(recipients, typeof(string).GetMethod(nameof(string.ToLower), Type.EmptyTypes)!);
            condition = Expression.AndAlso(
                Expression.NotEqual(recipients, Expression.Constant(null, typeof(string))),
                Expression.Call(lower, contains, Expression.Constant(text.ToLowerInvariant())));
        }

        var partiesJson = Expression.Property(notice, nameof(NoticeRecord.RecipientPartiesJson));
        foreach (var party in parties)
        {
            var match = Expression.Call(partiesJson, contains, Expression.Constant($"\"{party}\""));
            condition = condition is null ? match : Expression.OrElse(condition, match);
        }

        return Expression.Lambda<Func<NoticeRecord, bool>>(condition ?? Expression.Constant(true), notice);
    }

    private static NoticeInfo ToInfo(NoticeRecord n) => new(
        n.Id,
        n.IdempotencyKey,
        n.TemplateKey,
        n.ModelJson,
        JsonSerializer.Deserialize<string[]>(n.RecipientRolesJson) ?? [],
        JsonSerializer.Deserialize<string[]>(n.RecipientPartiesJson) ?? [],
        n.InstanceId,
        n.TaskId,
        n.CreatedAt,
        n.Status,
        n.Attempts,
        n.NextAttemptAt,
        n.LastError,
        n.SentAt,
        n.Subject,
        n.Recipients);
}
