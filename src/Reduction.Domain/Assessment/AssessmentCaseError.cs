namespace Reduction.Domain.Assessment;

/// <summary>Why a case cannot be assessed: the field (its JSON path inside the case) and the reason in zh-CN and English.</summary>
public sealed record AssessmentCaseError(string Field, string Message, string EnglishMessage)
{
    /// <summary>The case's year lies outside every configured plan period.</summary>
    public static AssessmentCaseError YearNotCovered(int year) =>
        new("year", $"{year}年不在任何规划期内", $"year {year} is not covered by any plan period");

    public override string ToString() => $"{Field}: {Message} / {EnglishMessage}";
}
