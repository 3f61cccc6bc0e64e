namespace Reduction.Workflows.Persistence;

/// <summary>The last serial given out for one issuer code (机关代字, e.g. 藏环发) in one year.</summary>
public sealed class DocumentCounterRecord
{
    public required string Issuer { get; set; }

    public int Year { get; set; }

    public int LastSerial { get; set; }
}
