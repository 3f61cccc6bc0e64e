using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using Reduction.Workflows.Persistence;

namespace Reduction.Workflows.Auditing;

/// <summary>
/// The archive file format: JSON Lines in UTF-8, one audit entry per line with every field (hash and previous hash
/// included), then one line <c>{"archiveHead": {…}}</c> (<see cref="AuditArchiveHead"/>). An archive verifies on its
/// own, without the database: every entry's hash is recomputed, each links to the one before, and the head names the
/// first and last entry, the count and the SHA-256 of the entry lines.
/// </summary>
public static class AuditArchiveFile
{
    public const string Extension = ".jsonl";

    internal static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web)
    {
        // Names and details stay readable Chinese in the file; the hash is over the parsed fields, not the text.
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
    };

    /// <summary>`audit-0000000001-0000000500-20261202T030000Z.jsonl`: sorts by position in the chain; the instant keeps a
    /// later run's name apart from a file left by an interrupted one.</summary>
    public static string NameOf(long first, long last, DateTimeOffset archivedAt) =>
        string.Create(CultureInfo.InvariantCulture, $"audit-{first:D10}-{last:D10}-{archivedAt.UtcDateTime:yyyyMMdd'T'HHmmss'Z'}{Extension}");

    /// <summary>Checks the file's chain and head. Streams the file, so an archive of any size is checked in little memory.</summary>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static async Task<AuditArchiveVerification> VerifyAsync(string path, CancellationToken cancellationToken = default)
    {
        using var fileHash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        using var entriesHash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.Asynchronous | FileOptions.SequentialScan);

        // One line behind: a line is an entry once another follows it; the last one is the head.
        byte[]? held = null;
        var line = 0;
        long count = 0;
        long first = 0;
        long expected = 0;
        string? firstPrevious = null;
        string? firstHash = null;
        string? previous = null;
        AuditArchiveVerification? broken = null;
        await foreach (var bytes in LinesAsync(stream, fileHash, cancellationToken))
        {
            if (held is not null && broken is null)
            {
                line++;
                entriesHash.AppendData(held);
                entriesHash.AppendData("\n"u8);
                AuditRecord? record;
                try
                {
                    record = JsonSerializer.Deserialize<AuditRecord>(held, Json);
                }
                catch (JsonException)
                {
                    record = null;
                }

                if (record is null || record.Sequence <= 0)
                {
                    broken = Broken(count, count == 0 ? null : expected, $"line {line} is not an archived entry");
                }
                else if (count > 0 && record.Sequence != expected)
                {
                    broken = Broken(count, expected, $"entry {expected} is missing (line {line} holds entry {record.Sequence})");
                }
                else if (count > 0 && record.PreviousHash != previous)
                {
                    broken = Broken(count, record.Sequence, $"previous hash does not match the entry before (line {line})");
                }
                else if (AuditChain.HashOf(record) != record.Hash)
                {
                    broken = Broken(count, record.Sequence, $"hash does not match the entry's content (line {line})");
                }
                else
                {
                    if (count == 0)
                    {
                        first = record.Sequence;
                        firstPrevious = record.PreviousHash;
                        firstHash = record.Hash;
                    }

                    previous = record.Hash;
                    expected = record.Sequence + 1;
                    count++;
                }
            }

            held = bytes;
        }

        var fileSha = Convert.ToHexStringLower(fileHash.GetHashAndReset());
        if (broken is not null)
        {
            return broken with { FileSha256 = fileSha };
        }

        AuditArchiveHead? head = null;
        try
        {
            head = held is null ? null : JsonSerializer.Deserialize<HeadLine>(held, Json)?.ArchiveHead;
        }
        catch (JsonException)
        {
        }

        string? problem = null;
        long? at = null;
        if (head is null)
        {
            problem = "the last line is not the archive's head (the file is cut short?)";
        }
        else if (head.Count != count || head.Last != expected - 1)
        {
            (at, problem) = count < head.Count || expected - 1 < head.Last
                ? (expected, $"entries {expected}–{head.Last} named by the head are missing")
                : (head.Last + 1, $"the head ends at entry {head.Last} but the file goes on to {expected - 1}");
        }
        else if (head.First != first || head.PreviousHash != firstPrevious || head.FirstHash != firstHash)
        {
            (at, problem) = (first, "the first entry is not the one the head names");
        }
        else if (head.LastHash != previous)
        {
            (at, problem) = (head.Last, "the head's last hash does not match the last entry");
        }
        else if (head.EntriesSha256 != Convert.ToHexStringLower(entriesHash.GetHashAndReset()))
        {
            problem = "the entry lines were changed (their SHA-256 does not match the head)";
        }

        return problem is null
            ? new AuditArchiveVerification(true, count, null, null, head, fileSha)
            : new AuditArchiveVerification(false, count, at, problem, head, fileSha);

        static AuditArchiveVerification Broken(long entries, long? at, string reason) => new(false, entries, at, reason, null, string.Empty);
    }

    internal static byte[] HeadLineOf(AuditArchiveHead head) => JsonSerializer.SerializeToUtf8Bytes(new HeadLine(head), Json);

    /// <summary>The file's lines without their '\n', every byte (newlines too) added to <paramref name="hash"/>.</summary>
    private static async IAsyncEnumerable<byte[]> LinesAsync(Stream stream, IncrementalHash hash, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var buffer = new byte[1 << 16];
        var current = new ArrayBufferWriter<byte>();
        int read;
        while ((read = await stream.ReadAsync(buffer, cancellationToken)) > 0)
        {
            hash.AppendData(buffer, 0, read);
            var chunk = buffer.AsMemory(0, read);
            int newline;
            while ((newline = chunk.Span.IndexOf((byte)'\n')) >= 0)
            {
                current.Write(chunk.Span[..newline]);
                yield return current.WrittenSpan.ToArray();
                current.ResetWrittenCount();
                chunk = chunk[(newline + 1)..];
            }

            current.Write(chunk.Span);
        }

        if (current.WrittenCount > 0)
        {
            yield return current.WrittenSpan.ToArray();
        }
    }

    private sealed record HeadLine(AuditArchiveHead ArchiveHead);
}
