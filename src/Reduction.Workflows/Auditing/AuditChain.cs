using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Reduction.Workflows.Persistence;

namespace Reduction.Workflows.Auditing;

/// <summary>The hash chain of the audit log: each entry's SHA-256 covers its own fields and the previous entry's
/// hash; the first entry's previous hash is <see cref="Genesis"/> (or an archive's chain head after retention).</summary>
public static class AuditChain
{
    public const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";

    public static string HashOf(AuditRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);

        // Length-prefixed fields: no value can be shifted into its neighbour to keep the same text.
        var text = new StringBuilder();
        foreach (var field in new[]
        {
            record.Sequence.ToString(CultureInfo.InvariantCulture),
            record.At.UtcTicks.ToString(CultureInfo.InvariantCulture),
            record.User, record.Party, record.Address, record.Action, record.TargetKind, record.TargetId, record.Outcome, record.Detail,
            record.PreviousHash,
        })
        {
            text.Append(field is null ? "-1" : field.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(field).Append('|');
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }
}
