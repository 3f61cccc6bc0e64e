using System.Globalization;
using System.Text;
using System.Text.Json;
using Reduction.Workflows.Definitions;

namespace Reduction.Server.Workflows;

/// <summary>Reads a definition from a request body: at most <see cref="MaxBytes"/>, parsed in the definitions' one
/// JSON dialect. Refusals are Chinese and never repeat the body (a property name or a value could be anything).</summary>
public static class DefinitionBody
{
    /// <summary>Ample for a definition of a few hundred activities (the largest shipped one is under 10 KB).</summary>
    public const int MaxBytes = 1024 * 1024;

    public const string TooLarge = "请求体过大：流程定义不能超过 1 MB。";

    /// <summary>The body's bytes, or null when it exceeds <see cref="MaxBytes"/>.</summary>
    public static async Task<byte[]?> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.ContentLength > MaxBytes)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    /// <summary>Parses the bytes as a definition for <paramref name="id"/>; the error is a Chinese message.</summary>
    public static (WorkflowDefinition? Definition, string? Error) Parse(byte[] body, string id)
    {
        var (definition, error) = ParseAny(body);
        if (definition is not null && !string.Equals(definition.Id, id, StringComparison.Ordinal))
        {
            return (null, $"请求体中的流程标识 id 与地址中的“{id}”不一致。");
        }

        return (definition, error);
    }

    /// <summary>Parses the bytes as a definition of whatever id it names; <paramref name="what"/> is what the message
    /// calls the bytes (请求体 for a request, 文件 for an uploaded file).</summary>
    public static (WorkflowDefinition? Definition, string? Error) ParseAny(byte[] body, string what = "请求体")
    {
        ArgumentNullException.ThrowIfNull(body);
        if (body.Length == 0)
        {
            return (null, $"{what}为空：应为流程定义 JSON。");
        }

        WorkflowDefinition? definition;
        try
        {
            using var reader = new StreamReader(new MemoryStream(body), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
            definition = JsonSerializer.Deserialize<WorkflowDefinition>(reader.ReadToEnd(), DefinitionJson.Options);
        }
        catch (JsonException e)
        {
            var line = e.LineNumber is { } n ? string.Create(CultureInfo.InvariantCulture, $"第 {n + 1} 行") : "未知位置";
            return (null, $"{what}不是有效的流程定义 JSON（{line}）：请检查括号、引号、逗号，以及是否有定义中不存在的属性或缺少 id、name。");
        }

        if (definition is null || string.IsNullOrWhiteSpace(definition.Id))
        {
            return (null, definition is null ? $"{what}为空：应为流程定义 JSON。" : $"{what}中的流程标识 id 为空。");
        }

        return (definition, null);
    }
}
