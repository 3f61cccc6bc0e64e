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

    /// <summary>Null when there is no such notice or the caller may not see it.</summary>
    public async Task<NoticeInfo?> GetAsync(PartyScope scope, Guid noticeId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scope);
        await using var db = database.CreateContext();
        var notice = await db.Notices.AsNoTracking().VisibleTo(scope).SingleOrDefaultAsync(n => n.Id == noticeId, cancellationToken);
        return notice is null ? null : ToInfo(notice);
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
        n.SentAt);
}
