using System.Security.Cryptography;
using System.Text.Json;
using Reduction.Workflows.Persistence;

namespace Reduction.Workflows.Auditing;

/// <summary>Writes one archive file (<see cref="AuditArchiveFile"/>): entries, then the head, then flushes it to disk
/// before anything is deleted from the database.</summary>
internal sealed class AuditArchiveWriter : IAsyncDisposable
{
    private readonly FileStream _stream;
    private readonly IncrementalHash _file = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly IncrementalHash _entries = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

    /// <exception cref="IOException">The file exists already or cannot be created.</exception>
    /// <exception cref="UnauthorizedAccessException">The folder is not writable.</exception>
    public AuditArchiveWriter(string path) =>
        _stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous);

    public async Task WriteAsync(AuditRecord record, CancellationToken cancellationToken)
    {
        var line = JsonSerializer.SerializeToUtf8Bytes(record, AuditArchiveFile.Json);
        _entries.AppendData(line);
        _entries.AppendData("\n"u8);
        await WriteLineAsync(line, cancellationToken);
    }

    /// <summary>Writes the head (with the entries' SHA-256 filled in), flushes the file to the disk and returns the
    /// SHA-256 of the whole file.</summary>
    public async Task<(AuditArchiveHead Head, string FileSha256)> FinishAsync(AuditArchiveHead head, CancellationToken cancellationToken)
    {
        head = head with { EntriesSha256 = Convert.ToHexStringLower(_entries.GetHashAndReset()) };
        await WriteLineAsync(AuditArchiveFile.HeadLineOf(head), cancellationToken);
        await _stream.FlushAsync(cancellationToken);

        // fsync: the rows are deleted only after the file is on the disk.
        _stream.Flush(flushToDisk: true);
        return (head, Convert.ToHexStringLower(_file.GetHashAndReset()));
    }

    public async ValueTask DisposeAsync()
    {
        await _stream.DisposeAsync();
        _file.Dispose();
        _entries.Dispose();
    }

    private async Task WriteLineAsync(byte[] line, CancellationToken cancellationToken)
    {
        _file.AppendData(line);
        _file.AppendData("\n"u8);
        await _stream.WriteAsync(line, cancellationToken);
        await _stream.WriteAsync("\n"u8.ToArray(), cancellationToken);
    }
}
