using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;
using Reduction.Server.Answers.Attachments;
using Reduction.Server.Answers.Forms;

namespace Reduction.Server.Answers;

/// <summary>Reads a task-page post within what its form can need (<see cref="FormLimits"/>): each text value at most
/// twice the form's longest field (a browser sends a line break of a text area as two characters), all text at most
/// twice the form's budget, at most as many values as the form has fields, at most twice the allowed number of files,
/// each kept up to the attachment limit (beyond it only counted, so the form can say how large it was). Anything more
/// is refused with 413 as soon as it is seen, without reading the rest; a body that is not a form is 415, a malformed
/// one 400. The form read becomes the request's form, so the antiforgery check reads the same values.</summary>
internal static class AnswerFormReader
{
    private const int KeyLengthLimit = 128;
    private const int HeadersLengthLimit = 8 * 1024;

    /// <summary>The page's own fields outside the form's: antiforgery token, submission key, buttons, rows shown.</summary>
    private const int FixedAllowance = 4 * 1024;
    private const int FixedFields = 8;

    public static async Task<PostedForm> ReadAsync(HttpContext http, FormLimits limits, AnswerPageOptions options, CancellationToken cancellationToken)
    {
        if (!MediaTypeHeaderValue.TryParse(http.Request.ContentType, out var type))
        {
            return NotAForm();
        }

        var budget = new Budget(
            ValueLength: 2 * Math.Max(limits.LongestField, FormLimits.Short),
            Text: (2 * limits.TextBudget) + FixedAllowance,
            Values: limits.FieldCount + limits.Groups.Count + options.MaxAttachments + FixedFields);
        try
        {
            if (type.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase))
            {
                var boundary = HeaderUtilities.RemoveQuotes(type.Boundary).Value;
                if (string.IsNullOrWhiteSpace(boundary) || boundary.Length > 70)
                {
                    return PostedForm.Refused(StatusCodes.Status400BadRequest,
                        "提交内容的格式不正确：multipart/form-data 缺少有效的分隔符（boundary），无法读取。请重新打开任务页面，填写后从页面提交。");
                }

                return await ReadMultipartAsync(http, boundary, budget, options, cancellationToken);
            }

            if (type.MediaType.Equals("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase))
            {
                return await ReadUrlEncodedAsync(http, budget, cancellationToken);
            }
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return TooLarge(string.Create(CultureInfo.InvariantCulture, $"提交的内容超过 {AttachmentCheck.Megabytes(options.MaxRequestBytes)} 的上限"), options);
        }
        catch (Exception e) when (e is InvalidDataException or BadHttpRequestException or IOException)
        {
            return PostedForm.Refused(StatusCodes.Status400BadRequest,
                "提交内容的格式不正确或不完整（分段残缺、分段头过长或传输中断），无法读取。请重新打开任务页面，填写后从页面提交。");
        }

        return NotAForm();
    }

    private static async Task<PostedForm> ReadMultipartAsync(HttpContext http, string boundary, Budget budget, AnswerPageOptions options, CancellationToken cancellationToken)
    {
        var reader = new MultipartReader(boundary, http.Request.Body) { HeadersLengthLimit = HeadersLengthLimit, HeadersCountLimit = 16 };
        var fields = new Dictionary<string, StringValues>(StringComparer.Ordinal);
        var files = new FormFileCollection();
        long text = 0;
        var values = 0;
        while (await reader.ReadNextSectionAsync(cancellationToken) is { } section)
        {
            if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition) || !disposition.DispositionType.Equals("form-data", StringComparison.OrdinalIgnoreCase))
            {
                return PostedForm.Refused(StatusCodes.Status400BadRequest, "提交内容的格式不正确：有一段缺少 form-data 说明，无法读取。请重新打开任务页面，填写后从页面提交。");
            }

            var name = HeaderUtilities.RemoveQuotes(disposition.Name).Value ?? string.Empty;
            if (name.Length > KeyLengthLimit)
            {
                return TooLarge("有栏目名称过长", options);
            }

            if (disposition.IsFileDisposition())
            {
                var fileName = HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value ?? string.Empty;
                if (files.Count == 2 * options.MaxAttachments)
                {
                    return TooLarge(string.Create(CultureInfo.InvariantCulture, $"附件过多（最多 {options.MaxAttachments} 个）"), options);
                }

                var (content, length) = await BufferAsync(http, section.Body, options.MaxAttachmentBytes, cancellationToken);
                if (fileName.Length == 0 && length == 0)
                {
                    // An empty file input.
                    continue;
                }

                files.Add(new FormFile(content, 0, length, name, fileName) { Headers = new HeaderDictionary(section.Headers) });
                continue;
            }

            if (++values > budget.Values)
            {
                return TooLarge("栏目数量超过该表单所有栏目之和", options);
            }

            var value = await ReadTextAsync(section.Body, budget.ValueLength, cancellationToken);
            if (value is null)
            {
                return TooLarge(string.Create(CultureInfo.InvariantCulture, $"有一栏超过 {budget.ValueLength} 字"), options);
            }

            text += name.Length + value.Length;
            if (text > budget.Text)
            {
                return TooLarge("文字内容超过该表单所有栏目填满时的总量", options);
            }

            fields[name] = fields.TryGetValue(name, out var earlier) ? StringValues.Concat(earlier, value) : new StringValues(value);
        }

        return Accept(http, fields, files);
    }

    private static async Task<PostedForm> ReadUrlEncodedAsync(HttpContext http, Budget budget, CancellationToken cancellationToken)
    {
        using var reader = new FormReader(http.Request.Body, Encoding.UTF8)
        {
            KeyLengthLimit = KeyLengthLimit,
            ValueLengthLimit = budget.ValueLength,
            ValueCountLimit = budget.Values,
        };
        var fields = new Dictionary<string, StringValues>(StringComparer.Ordinal);
        long text = 0;
        try
        {
            while (await reader.ReadNextPairAsync(cancellationToken) is { } pair)
            {
                text += pair.Key.Length + pair.Value.Length;
                if (text > budget.Text)
                {
                    return TooLarge("文字内容超过该表单所有栏目填满时的总量", null);
                }

                fields[pair.Key] = fields.TryGetValue(pair.Key, out var earlier) ? StringValues.Concat(earlier, pair.Value) : new StringValues(pair.Value);
            }
        }
        catch (InvalidDataException)
        {
            // The reader's own limits: a key, a value or the number of values.
            return TooLarge("有栏目过长或栏目过多", null);
        }

        return Accept(http, fields, new FormFileCollection());
    }

    private static PostedForm Accept(HttpContext http, Dictionary<string, StringValues> fields, FormFileCollection files)
    {
        var form = new FormCollection(fields, files);
        http.Features.Set<IFormFeature>(new FormFeature(form));
        return new PostedForm(form, StatusCodes.Status200OK, null);
    }

    /// <summary>The text of a part, or null when it is longer than <paramref name="maxLength"/> (the rest is not read).</summary>
    private static async Task<string?> ReadTextAsync(Stream body, int maxLength, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), detectEncodingFromByteOrderMarks: false, bufferSize: 4096, leaveOpen: true);
        var text = new StringBuilder();
        var buffer = new char[4096];
        int read;
        while ((read = await reader.ReadAsync(buffer, cancellationToken)) > 0)
        {
            if (text.Length + read > maxLength)
            {
                return null;
            }

            text.Append(buffer, 0, read);
        }

        return text.ToString();
    }

    /// <summary>A file part in a temporary file deleted with the response: its first <paramref name="keep"/> bytes,
    /// and its whole length.</summary>
    private static async Task<(Stream Content, long Length)> BufferAsync(HttpContext http, Stream body, long keep, CancellationToken cancellationToken)
    {
        var file = new FileStream(Path.Combine(Path.GetTempPath(), "reduction-upload-" + Path.GetRandomFileName()), FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 81920,
            FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        http.Response.RegisterForDisposeAsync(file);
        var buffer = new byte[81920];
        long length = 0;
        int read;
        while ((read = await body.ReadAsync(buffer, cancellationToken)) > 0)
        {
            if (length < keep)
            {
                await file.WriteAsync(buffer.AsMemory(0, (int)Math.Min(read, keep - length)), cancellationToken);
            }

            length += read;
        }

        file.Position = 0;
        return (file, length);
    }

    private static PostedForm NotAForm() => PostedForm.Refused(StatusCodes.Status415UnsupportedMediaType,
        "本页面只接受从任务页面的表单提交的内容（multipart/form-data 或 application/x-www-form-urlencoded）。请打开任务页面，填写后点击“提交”。");

    private static PostedForm TooLarge(string what, AnswerPageOptions? options) => PostedForm.Refused(StatusCodes.Status413PayloadTooLarge,
        options is null
            ? $"提交的内容过大（{what}），未被接受。请核对填写内容后重新提交。"
            : $"提交的内容过大（{what}；附件每个不超过 {AttachmentCheck.Megabytes(options.MaxAttachmentBytes)}，最多 {options.MaxAttachments} 个），未被接受。请删减内容或压缩、拆分附件后重新填写提交。");

    private sealed record Budget(int ValueLength, long Text, int Values);
}
