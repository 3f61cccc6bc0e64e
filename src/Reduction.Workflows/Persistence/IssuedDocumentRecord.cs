namespace Reduction.Workflows.Persistence;

/// <summary>The document number (文号) allocated to a notice, kept so a retried delivery carries the same number;
/// together the rows are the register of issued documents.</summary>
public sealed class IssuedDocumentRecord
{
    public Guid NoticeId { get; set; }

    public required string Issuer { get; set; }

    public int Year { get; set; }

    public int Serial { get; set; }

    /// <summary>The number as written, e.g. 藏环发〔2015〕12号.</summary>
    public required string Number { get; set; }

    public DateTimeOffset IssuedAt { get; set; }
}
