namespace Reduction.Workflows.Persistence;

/// <summary>A recorded veto measure; the registry other systems query ("is X under an EIA suspension on D?").</summary>
public sealed class SanctionRecord
{
    public Guid Id { get; set; }

    /// <summary>`{instance}:{prefecture}:{kind}`: recording twice records once.</summary>
    public required string IdempotencyKey { get; set; }

    public required string PrefectureId { get; set; }

    /// <summary>Wire code: eia-suspension, fund-suspension, honours-revocation, awards-bar.</summary>
    public required string Kind { get; set; }

    public int AssessedYear { get; set; }

    /// <summary>Announcement date (Beijing calendar day), the first day in force.</summary>
    public DateOnly StartsOn { get; set; }

    /// <summary>First day no longer in force; null until lifted.</summary>
    public DateOnly? EndsOn { get; set; }

    public required string Basis { get; set; }

    public string? LiftReason { get; set; }

    public Guid? InstanceId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
