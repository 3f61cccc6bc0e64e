namespace Reduction.Workflows.Persistence;

/// <summary>Where a stored plan period came from: seeding never touches an <see cref="Imported"/> one.</summary>
public enum PlanPeriodSource
{
    /// <summary>Added from the shipped data file when the database lacked it.</summary>
    Shipped,

    /// <summary>Added or changed by an administrator (`reduction plan-periods import`).</summary>
    Imported,
}
