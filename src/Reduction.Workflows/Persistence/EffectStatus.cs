namespace Reduction.Workflows.Persistence;

public enum EffectStatus
{
    Pending,
    Done,
    Failed,
}
