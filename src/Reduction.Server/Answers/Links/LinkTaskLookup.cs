using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Reduction.Workflows.Persistence;

namespace Reduction.Server.Answers.Links;

/// <summary>The task behind an expired or revoked link, which the link service deliberately does not name: only
/// to decide whether a new link may be sent to the assignee's registered address (never to the requester). The
/// token format is the link service's (32 bytes, base64url, stored as the lower-case hex SHA-256).</summary>
public sealed class LinkTaskLookup(WorkflowDatabase database)
{
    /// <summary>The link's task and party, or null for anything that is not a stored link.</summary>
    public async Task<(Guid TaskId, string PartyId)?> FindAsync(string token, CancellationToken cancellationToken)
    {
        if (token is not { Length: 43 } || token.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_')))
        {
            return null;
        }

        var buffer = new byte[33];
        if (!Convert.TryFromBase64String(token.Replace('-', '+').Replace('_', '/') + "=", buffer, out var written) || written != 32)
        {
            return null;
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(buffer.AsSpan(0, 32)));
        await using var db = database.CreateContext();
        var link = await db.TaskLinks.AsNoTracking().Where(l => l.TokenHash == hash).Select(l => new { l.TaskId, l.PartyId }).SingleOrDefaultAsync(cancellationToken);
        return link is null ? null : (link.TaskId, link.PartyId);
    }
}
