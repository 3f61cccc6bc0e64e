using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Scriban;

namespace Reduction.Notifications.Templates;

/// <summary>The templates folder: one folder per notice kind (`subject.scriban`, `body.html.scriban`,
/// `body.txt.scriban`, `notice.json`) and the shared `_layout/` (layouts, `terms.json`, `issuers.json`).
/// Files are parsed once and cached until they change on disk, so an edited template takes effect without a restart.</summary>
public sealed partial class NoticeTemplateStore
{
    public const string LayoutFolder = "_layout";
    public const string SubjectFile = "subject.scriban";
    public const string HtmlBodyFile = "body.html.scriban";
    public const string TextBodyFile = "body.txt.scriban";
    public const string KindFile = "notice.json";
    public const string HtmlLayoutFile = "layout.html.scriban";
    public const string TextLayoutFile = "layout.txt.scriban";

    private static readonly JsonSerializerOptions JsonOptions = new() { ReadCommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true, PropertyNameCaseInsensitive = true };

    private readonly ConcurrentDictionary<string, (DateTime Stamp, long Length, object Value)> _cache = new(StringComparer.Ordinal);

    public NoticeTemplateStore(string folder)
    {
        Folder = Path.GetFullPath(folder);
        if (!Directory.Exists(Path.Combine(Folder, LayoutFolder)))
        {
            throw new NoticeTemplateException($"模板目录“{Folder}”中没有 {LayoutFolder}/ / no {LayoutFolder}/ in the templates folder {Folder}");
        }
    }

    public string Folder { get; }

    /// <summary>The notice kinds: every folder with a `notice.json`, sorted.</summary>
    public IReadOnlyList<string> Keys => Directory.GetDirectories(Folder)
        .Where(d => File.Exists(Path.Combine(d, KindFile)))
        .Select(Path.GetFileName)
        .OfType<string>()
        .Where(IsValidKey)
        .Order(StringComparer.Ordinal)
        .ToArray();

    /// <summary>The configured folder when it exists; else `templates/` next to the application; else the nearest
    /// `templates/` with a `_layout/` above the working directory (running from a source checkout).</summary>
    public static string ResolveFolder(string? configured)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return Directory.Exists(configured)
                ? configured
                : throw new NoticeTemplateException($"模板目录“{configured}”不存在 / templates folder {configured} does not exist");
        }

        var beside = Path.Combine(AppContext.BaseDirectory, "templates");
        if (Directory.Exists(Path.Combine(beside, LayoutFolder)))
        {
            return beside;
        }

        for (var directory = new DirectoryInfo(Directory.GetCurrentDirectory()); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "templates");
            if (Directory.Exists(Path.Combine(candidate, LayoutFolder)))
            {
                return candidate;
            }
        }

        throw new NoticeTemplateException("找不到模板目录，请设置 Notifications:TemplatesFolder / no templates folder found: set Notifications:TemplatesFolder");
    }

    public static bool IsValidKey(string? key) => key is { Length: > 0 and <= 64 } && KeyPattern().IsMatch(key);

    public NoticeKind GetKind(string key)
    {
        var folder = KindFolder(key);
        var path = Path.Combine(folder, KindFile);
        return Load(path, text => ParseKind(key, path, text), () => ThrowIfNoKind(key));
    }

    /// <summary>A kind's template (`subject.scriban`, `body.html.scriban` or `body.txt.scriban`), parsed and checked.</summary>
    public Template GetTemplate(string key, string file)
    {
        var folder = KindFolder(key);
        return LoadTemplate(Path.Combine(folder, file), () => ThrowIfNoKind(key));
    }

    /// <summary>A layout template of `_layout/`.</summary>
    public Template GetLayout(string file) => LoadTemplate(Path.Combine(Folder, LayoutFolder, file));

    /// <summary>`_layout/terms.json`: zh-CN wording shared by templates (task kinds, criteria, sanctions).</summary>
    public JsonObject GetTerms() =>
        Load(Path.Combine(Folder, LayoutFolder, "terms.json"), text => JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip })?.AsObject()
            ?? throw new NoticeTemplateException("terms.json 不是 JSON 对象 / terms.json is not a JSON object"));

    /// <summary>The issuer code (机关代字) of a party's document series valid on a date, from `_layout/issuers.json`.</summary>
    public string IssuerCode(string issuerPartyId, string series, DateOnly date)
    {
        var path = Path.Combine(Folder, LayoutFolder, "issuers.json");
        var issuers = Load(path, text => JsonSerializer.Deserialize<IssuersJson>(text, JsonOptions) ?? new IssuersJson());
        if (issuers.Issuers is null || !issuers.Issuers.TryGetValue(issuerPartyId, out var entries))
        {
            throw new NoticeTemplateException($"issuers.json 中没有单位“{issuerPartyId}”的机关代字 / issuers.json has no codes for '{issuerPartyId}'");
        }

        var entry = entries
            .Where(e => ParseDate(e.ValidFrom, path) <= date)
            .OrderBy(e => ParseDate(e.ValidFrom, path))
            .LastOrDefault();
        if (entry?.Codes is null || !entry.Codes.TryGetValue(series, out var code))
        {
            throw new NoticeTemplateException(
                $"issuers.json 中没有“{issuerPartyId}”在 {date:yyyy-MM-dd} 有效的“{series}”字代字 / no '{series}' code for '{issuerPartyId}' valid on {date:yyyy-MM-dd}");
        }

        return code;
    }

    /// <summary>The kind's folder, checked on disk only when one of its files is missing: a render looks up four
    /// files of a kind, and each lookup already asks the file system once.</summary>
    private string KindFolder(string key)
    {
        if (!IsValidKey(key))
        {
            throw new NoticeTemplateException($"通知模板名“{key}”无效 / invalid notice template key '{key}'");
        }

        return Path.Combine(Folder, key);
    }

    private void ThrowIfNoKind(string key)
    {
        if (!Directory.Exists(Path.Combine(Folder, key)))
        {
            throw new NoticeTemplateException($"没有通知模板“{key}” / no notice template '{key}' in {Folder}");
        }
    }

    private Template LoadTemplate(string path, Action? whenMissing = null) => Load(path, text =>
    {
        var template = Template.Parse(text, path);
        if (template.HasErrors)
        {
            throw new NoticeTemplateException($"模板有语法错误 / template does not parse: {string.Join("; ", template.Messages)}");
        }

        return template;
    }, whenMissing);

    /// <param name="whenMissing">Runs before the missing-file error, to throw a more telling one.</param>
    private T Load<T>(string path, Func<string, T> parse, Action? whenMissing = null)
        where T : class
    {
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            whenMissing?.Invoke();
            throw new NoticeTemplateException($"缺少模板文件 / missing template file: {path}");
        }

        if (_cache.TryGetValue(path, out var cached) && cached.Stamp == info.LastWriteTimeUtc && cached.Length == info.Length)
        {
            return (T)cached.Value;
        }

        var value = parse(File.ReadAllText(path));
        _cache[path] = (info.LastWriteTimeUtc, info.Length, value);
        return value;
    }

    private static NoticeKind ParseKind(string key, string path, string text)
    {
        KindJson? file;
        try
        {
            file = JsonSerializer.Deserialize<KindJson>(text, JsonOptions);
        }
        catch (JsonException e)
        {
            throw new NoticeTemplateException($"{path} 不是有效的 JSON / is not valid JSON: {e.Message}", e);
        }

        if (file?.Issuer is not { Length: > 0 } issuer)
        {
            throw new NoticeTemplateException($"{path} 缺少 issuer / missing issuer");
        }

        var principal = file.Principal switch
        {
            null or "parties" => RecipientRule.Parties,
            "roles" => RecipientRule.Roles,
            "all" => RecipientRule.All,
            var other => throw new NoticeTemplateException($"{path} 的 principal “{other}” 无效（parties、roles、all） / invalid principal '{other}'"),
        };
        return new NoticeKind(key, issuer, file.Series is { Length: > 0 } ? file.Series : null, principal, file.TaskLink, file.Calendar, file.AdminsOnly, file.Name?.Trim());
    }

    private static DateOnly ParseDate(string? text, string path) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw new NoticeTemplateException($"{path}: validFrom “{text}” 不是日期 / is not a date");

    [GeneratedRegex("^[a-z0-9][a-z0-9-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex KeyPattern();

    private sealed class KindJson
    {
        public string? Name { get; set; }

        public string? Issuer { get; set; }

        public string? Series { get; set; }

        public string? Principal { get; set; }

        public bool TaskLink { get; set; }

        public bool Calendar { get; set; }

        public bool AdminsOnly { get; set; }
    }

    private sealed class IssuersJson
    {
        public Dictionary<string, List<IssuerEntry>>? Issuers { get; set; }
    }

    private sealed class IssuerEntry
    {
        public string? ValidFrom { get; set; }

        public Dictionary<string, string>? Codes { get; set; }
    }
}
