namespace Reduction.Domain.Assessment;

/// <summary>Automatic-monitoring records of the national key monitored enterprises: due, received and valid.</summary>
public sealed record TransmissionCounts(long Due, long Received, long Valid)
{
    /// <summary>传输有效率 = (received / due) x (valid / received) = valid / due.</summary>
    public Rate EffectiveRate => new(Valid, Due);
}
