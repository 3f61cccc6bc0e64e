using Reduction.Domain.Assessment;

namespace Reduction.Domain.PlanPeriods;

/// <summary>The lowest rates that meet the monitoring criteria; a rate equal to its threshold meets it.</summary>
public sealed record MonitoringThresholds(
    Rate TransmissionEffectiveRate,
    Rate SelfMonitoringPublicationRate,
    Rate SupervisoryMonitoringPublicationRate);
