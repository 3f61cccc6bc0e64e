using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Reduction.Notifications.Links;
using Reduction.Workflows.Persistence;

namespace Reduction.Server.Answers.Links;

/// <summary>Sends a new link for an expired or revoked one, to the assignee's registered addresses only, when the
/// task is still open, still the link's party's, and no new link went out within <see cref="AnswerPageOptions.ReissueInterval"/>.
/// Whoever asks learns nothing from the answer: the page says the same whatever happened.</summary>
public sealed class LinkReissuer(
    LinkTaskLookup lookup,
    TaskLinkService links,
    WorkflowDatabase database,
    TimeProvider time,
    IOptions<AnswerPageOptions> options,
    ILogger<LinkReissuer> logger)
{
    /// <summary>True when a new link was queued.</summary>
    public async Task<bool> RequestAsync(string token, CancellationToken cancellationToken)
    {
        if (await lookup.FindAsync(token, cancellationToken) is not { } link)
        {
            return false;
        }

        await using (var db = database.CreateContext())
        {
            var task = await db.Tasks.AsNoTracking().SingleOrDefaultAsync(t => t.Id == link.TaskId, cancellationToken);
            if (task is null || task.ClosedAt is not null || task.Status == TaskState.Cancelled || task.AssigneePartyId != link.PartyId)
            {
                return false;
            }

            var since = time.GetUtcNow().ToUniversalTime() - options.Value.ReissueInterval;
            var recent = await db.Notices.AsNoTracking()
                .Where(n => n.TaskId == task.Id && n.TemplateKey == "task-issued" && n.CreatedAt >= since)
                .Select(n => n.IdempotencyKey)
                .ToListAsync(cancellationToken);
            if (recent.Any(k => k.Contains(":link-reissued:", StringComparison.Ordinal)))
            {
                logger.LogInformation("New link for task {TaskId} not sent: one went out less than {Interval} ago", task.Id, options.Value.ReissueInterval);
                return false;
            }
        }

        try
        {
            await links.ReissueAsync(link.TaskId, "承办单位通过失效链接申请重新发送", cancellationToken);
            logger.LogInformation("New link for task {TaskId} queued to party {PartyId}", link.TaskId, link.PartyId);
            return true;
        }
        catch (InvalidOperationException)
        {
            // Closed meanwhile.
            return false;
        }
    }
}
