using Reduction.Domain.PlanPeriods;

namespace Reduction.Domain.Assessment.Contract;

/// <summary>A valid case with the prefecture name as written in the file and the plan period covering its year.</summary>
public sealed record AssessInputCase(string PrefectureAsWritten, AssessmentCase Case, PlanPeriod Period);
