using Reduction.Domain.Assessment;
using Reduction.Domain.PlanPeriods;

namespace Reduction.Cli.Assess;

/// <summary>A valid case with the prefecture name as written in the file and the plan period covering its year.</summary>
internal sealed record AssessInputCase(string PrefectureAsWritten, AssessmentCase Case, PlanPeriod Period);
