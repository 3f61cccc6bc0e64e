namespace Reduction.Workflows.Persistence;

/// <summary>Outbox row of a cross-instance effect (start a child, resume a parent), executed once by its idempotency key.</summary>
public sealed class EffectRecord
{
    public Guid Id { get; set; }

    /// <summary>start-child or resume-bookmark.</summary>
    public required string Kind { get; set; }

    public required string IdempotencyKey { get; set; }

    public required string PayloadJson { get; set; }

    public EffectStatus Status { get; set; }

    public int Attempts { get; set; }

    public string? LastError { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? DoneAt { get; set; }
}
