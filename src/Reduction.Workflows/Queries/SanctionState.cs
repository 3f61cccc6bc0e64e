namespace Reduction.Workflows.Queries;

/// <summary>Where a recorded veto measure stands: in force, in force with a lift workflow running for its prefecture
/// and year, or lifted.</summary>
public enum SanctionState
{
    InForce,
    Lifting,
    Lifted,
}
