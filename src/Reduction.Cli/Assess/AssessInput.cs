namespace Reduction.Cli.Assess;

/// <summary>The cases read from an input file, in file order, or the errors that stop the whole run.</summary>
internal sealed record AssessInput(IReadOnlyList<AssessInputCase> Cases, IReadOnlyList<AssessInputError> Errors)
{
    public bool IsValid => Errors.Count == 0;
}
