namespace Reduction.Domain.Assessment;

/// <summary>A case was evaluated although it is invalid; <see cref="Errors"/> says which fields and why.</summary>
public sealed class InvalidAssessmentCaseException : Exception
{
    public InvalidAssessmentCaseException()
    {
    }

    public InvalidAssessmentCaseException(string message)
        : base(message)
    {
    }

    public InvalidAssessmentCaseException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public InvalidAssessmentCaseException(IReadOnlyList<AssessmentCaseError> errors)
        : base("考核案例无效 / invalid assessment case: " + string.Join("; ", errors))
    {
        Errors = errors;
    }

    public IReadOnlyList<AssessmentCaseError> Errors { get; } = [];
}
