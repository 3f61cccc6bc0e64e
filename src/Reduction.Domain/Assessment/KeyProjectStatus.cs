namespace Reduction.Domain.Assessment;

/// <summary>A key project's reported state; wire codes in <see cref="KeyProjectStatuses"/>.</summary>
public enum KeyProjectStatus
{
    Completed,
    Operating,
    InProgress,
    NotStarted,
}
