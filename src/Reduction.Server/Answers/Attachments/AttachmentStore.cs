using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace Reduction.Server.Answers.Attachments;

/// <summary>Attachments on disk: `{root}/{taskId}/{revision}/{nn}{ext}` (nn from 01, in the order of the submission's
/// `attachments`). A submission's files are first written to `{taskId}/incoming-{submission key}` and moved to
/// their revision's folder once the answer is accepted; a crash in between leaves them under the key, where
/// <see cref="Find"/> still looks. Files are only ever served through a valid task link.</summary>
public sealed class AttachmentStore(IOptions<AnswerPageOptions> options)
{
    public string Root { get; } = Path.GetFullPath(options.Value.AttachmentsFolder);

    /// <summary>Writes the new files (already checked) after the kept ones and returns what the data references.</summary>
    public async Task<IReadOnlyList<StoredAttachment>> StageAsync(
        Guid taskId,
        Guid submissionKey,
        IReadOnlyList<(string Path, StoredAttachment Attachment)> kept,
        IReadOnlyList<IFormFile> files,
        CancellationToken cancellationToken)
    {
        var folder = Staging(taskId, submissionKey);
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }

        Directory.CreateDirectory(folder);
        var stored = new List<StoredAttachment>();
        foreach (var (path, attachment) in kept)
        {
            File.Copy(path, Path.Combine(folder, FileName(stored.Count + 1, attachment.Extension)));
            stored.Add(attachment);
        }

        foreach (var file in files)
        {
            var name = AttachmentCheck.CleanName(file.FileName);
            var extension = Path.GetExtension(name).ToLowerInvariant();
            var target = Path.Combine(folder, FileName(stored.Count + 1, extension));
            await using var input = file.OpenReadStream();
            await using var output = new FileStream(target, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true);
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var buffer = new byte[81920];
            long size = 0;
            int read;
            while ((read = await input.ReadAsync(buffer, cancellationToken)) > 0)
            {
                hash.AppendData(buffer, 0, read);
                await output.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                size += read;
            }

            stored.Add(new StoredAttachment(name, size, Convert.ToHexStringLower(hash.GetHashAndReset()), AttachmentCheck.ContentTypeOf(extension)));
        }

        return stored;
    }

    /// <summary>Moves the staged files to their revision's folder.</summary>
    public void Commit(Guid taskId, Guid submissionKey, int revision)
    {
        var staged = Staging(taskId, submissionKey);
        if (!Directory.Exists(staged))
        {
            return;
        }

        var target = RevisionFolder(taskId, revision);
        if (Directory.Exists(target))
        {
            Directory.Delete(target, recursive: true);
        }

        Directory.Move(staged, target);
    }

    public void Discard(Guid taskId, Guid submissionKey)
    {
        var staged = Staging(taskId, submissionKey);
        if (Directory.Exists(staged))
        {
            Directory.Delete(staged, recursive: true);
        }
    }

    /// <summary>The file of the <paramref name="index"/>-th attachment (from 1) of a revision, or null.</summary>
    public string? Find(Guid taskId, int revision, Guid? submissionKey, int index, StoredAttachment attachment)
    {
        var name = FileName(index, attachment.Extension);
        var path = Path.Combine(RevisionFolder(taskId, revision), name);
        if (File.Exists(path))
        {
            return path;
        }

        return submissionKey is { } key && File.Exists(Path.Combine(Staging(taskId, key), name)) ? Path.Combine(Staging(taskId, key), name) : null;
    }

    private string RevisionFolder(Guid taskId, int revision) =>
        Path.Combine(Root, taskId.ToString("D"), revision.ToString(CultureInfo.InvariantCulture));

    private string Staging(Guid taskId, Guid submissionKey) => Path.Combine(Root, taskId.ToString("D"), $"incoming-{submissionKey:N}");

    private static string FileName(int index, string extension) => string.Create(CultureInfo.InvariantCulture, $"{index:00}{extension}");
}
