using System.Globalization;
using System.IO.Compression;

namespace Reduction.Server.Answers.Attachments;

/// <summary>Accepts PDF, DOCX and XLSX only, judged by the extension and by the content: a PDF starts with `%PDF-`;
/// a DOCX or XLSX is a ZIP package holding `[Content_Types].xml` and its main part (`word/document.xml`,
/// `xl/workbook.xml`). A renamed executable or a ZIP of something else is refused.</summary>
public static class AttachmentCheck
{
    public static IReadOnlyList<string> Extensions { get; } = [".pdf", ".docx", ".xlsx"];

    public static string ContentTypeOf(string extension) => extension switch
    {
        ".pdf" => "application/pdf",
        ".docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ".xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        _ => "application/octet-stream",
    };

    /// <summary>The file name without any client path, control characters, bidirectional controls or excess length.
    /// A right-to-left override would show `报告\u202Efdp.exe` as `报告exe.pdf`: the name must read as it is.</summary>
    public static string CleanName(string? name)
    {
        var text = (name ?? string.Empty).Replace('\\', '/');
        text = text[(text.LastIndexOf('/') + 1)..];
        text = new string(text.Where(c => !char.IsControl(c) && !IsBidiControl(c) && c is not '"' and not '<' and not '>' and not '|' and not '*' and not '?' and not ':').ToArray()).Trim();
        if (text.Length > 120)
        {
            var extension = Path.GetExtension(text);
            text = text[..(120 - extension.Length)] + extension;
        }

        return text.Length == 0 ? "附件" : text;
    }

    /// <summary>Embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069), the directional marks (U+200E,
    /// U+200F, U+061C) and the line and paragraph separators.</summary>
    public static bool IsBidiControl(char c) => c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069' or '\u200E' or '\u200F' or '\u061C' or '\u2028' or '\u2029';

    /// <summary>Null when acceptable, else the zh-CN reason and the status to answer with (413 too large, 415 wrong type).</summary>
    public static (string Message, int StatusCode)? Check(string name, long length, Stream content, long maxBytes)
    {
        var extension = Path.GetExtension(name).ToLowerInvariant();
        if (!Extensions.Contains(extension))
        {
            return ($"附件“{name}”的类型不被接受：只接受 PDF、DOCX、XLSX 文件", StatusCodes.Status415UnsupportedMediaType);
        }

        if (length > maxBytes)
        {
            return (string.Create(CultureInfo.InvariantCulture, $"附件“{name}”大小为 {Megabytes(length)}，超过 {Megabytes(maxBytes)} 的上限，请压缩或拆分后重新上传"), StatusCodes.Status413PayloadTooLarge);
        }

        if (length == 0)
        {
            return ($"附件“{name}”是空文件", StatusCodes.Status400BadRequest);
        }

        var matches = extension == ".pdf" ? IsPdf(content) : IsOfficePackage(content, extension == ".docx" ? "word/document.xml" : "xl/workbook.xml");
        return matches
            ? null
            : ($"附件“{name}”的内容不是有效的 {extension.TrimStart('.').ToUpperInvariant()} 文件（扩展名与文件内容不符）", StatusCodes.Status415UnsupportedMediaType);
    }

    /// <summary>Whether the content is an XLSX package (a ZIP holding the workbook part), whatever its name says.</summary>
    public static bool IsWorkbook(Stream content) => IsOfficePackage(content, "xl/workbook.xml");

    public static string Megabytes(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024d / 1024d:0.#} MB");

    private static bool IsPdf(Stream content)
    {
        Span<byte> head = stackalloc byte[5];
        return content.ReadAtLeast(head, head.Length, throwOnEndOfStream: false) == head.Length && head.SequenceEqual("%PDF-"u8);
    }

    private static bool IsOfficePackage(Stream content, string mainPart)
    {
        Span<byte> head = stackalloc byte[4];
        if (content.ReadAtLeast(head, head.Length, throwOnEndOfStream: false) != head.Length || !head.SequenceEqual("PK\u0003\u0004"u8))
        {
            return false;
        }

        try
        {
            content.Position = 0;
            using var zip = new ZipArchive(content, ZipArchiveMode.Read, leaveOpen: true);
            return zip.GetEntry("[Content_Types].xml") is not null && zip.GetEntry(mainPart) is not null;
        }
        catch (InvalidDataException)
        {
            return false;
        }
    }
}
