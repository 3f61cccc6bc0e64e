namespace Reduction.Domain.Assessment;

/// <summary>The fail conditions of DOMAIN section 4; wire codes in <see cref="AssessmentCriteria"/>.</summary>
public enum AssessmentCriterion
{
    PollutantTarget,
    KeyProject,
    TransmissionEffectiveRate,
    SelfMonitoringPublicationRate,
    SupervisoryMonitoringPublicationRate,
}
