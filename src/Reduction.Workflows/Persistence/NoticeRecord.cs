namespace Reduction.Workflows.Persistence;

/// <summary>Outbox row of a notice request, written in the burst that decided to send it.
/// Delivery reads it later; the idempotency key makes the request (and its Message-ID) unique.</summary>
public sealed class NoticeRecord
{
    public Guid Id { get; set; }

    public required string IdempotencyKey { get; set; }

    public required string TemplateKey { get; set; }

    public required string ModelJson { get; set; }

    /// <summary>JSON array of role codes.</summary>
    public required string RecipientRolesJson { get; set; }

    /// <summary>JSON array of party ids.</summary>
    public required string RecipientPartiesJson { get; set; }

    public Guid? InstanceId { get; set; }

    public Guid? TaskId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public NoticeStatus Status { get; set; }

    public int Attempts { get; set; }

    public DateTimeOffset? NextAttemptAt { get; set; }

    public string? LastError { get; set; }

    public DateTimeOffset? SentAt { get; set; }

    /// <summary>The e-mail subject, recorded when delivery first composes the message (for searching the outbox).</summary>
    public string? Subject { get; set; }

    /// <summary>The addresses it goes to, `名称 &lt;address&gt;` joined by `、`, recorded with <see cref="Subject"/>.</summary>
    public string? Recipients { get; set; }
}
