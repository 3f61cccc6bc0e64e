namespace Reduction.Domain.Assessment;

/// <summary>Enterprises that published their monitoring results out of those required to.</summary>
public sealed record PublicationCounts(long Published, long Required)
{
    public Rate Rate => new(Published, Required);
}
