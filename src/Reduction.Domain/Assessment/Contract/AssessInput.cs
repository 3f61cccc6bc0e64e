namespace Reduction.Domain.Assessment.Contract;

/// <summary>The cases read from an input file, in file order, or the errors that stop the whole run.</summary>
public sealed record AssessInput(IReadOnlyList<AssessInputCase> Cases, IReadOnlyList<AssessInputError> Errors)
{
    public bool IsValid => Errors.Count == 0;
}
