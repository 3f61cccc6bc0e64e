namespace Reduction.Server.Answers;

/// <summary>The public task pages (section `Answers`): where attachments are kept, upload limits and request rates.</summary>
public sealed class AnswerPageOptions
{
    public const string SectionName = "Answers";

    /// <summary>Attachments are stored as `{folder}/{taskId}/{revision}/{nn}.{ext}`, relative to the working directory.</summary>
    public string AttachmentsFolder { get; set; } = ".data/attachments";

    /// <summary>Largest accepted attachment (each file).</summary>
    public long MaxAttachmentBytes { get; set; } = 20L * 1024 * 1024;

    /// <summary>Files per submission.</summary>
    public int MaxAttachments { get; set; } = 5;

    /// <summary>Largest request body of a task page. Above <see cref="MaxAttachmentBytes"/> on purpose: a request that
    /// is read to its end can be answered with a clean 413 page; one cut off mid-upload shows the user a reset.</summary>
    public long MaxRequestBytes { get; set; } = 110L * 1024 * 1024;

    /// <summary>Requests per minute and client address on `/t/*`.</summary>
    public int RequestsPerMinute { get; set; } = 60;

    /// <summary>Requests for a new link per hour and client address.</summary>
    public int ReissuesPerHour { get; set; } = 5;

    /// <summary>At most one new link per task within this interval, whoever asks.</summary>
    public TimeSpan ReissueInterval { get; set; } = TimeSpan.FromMinutes(10);
}
