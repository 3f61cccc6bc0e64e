using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Reduction.Domain.Documents;
using Reduction.Domain.Parties;
using Scriban;
using Scriban.Runtime;
using Scriban.Syntax;

namespace Reduction.Notifications.Templates;

/// <summary>Renders a notice kind's subject and bodies with a model and an envelope, then wraps the bodies in the
/// shared official-document layout. Strict: an unknown variable or member is an error, never an empty string.
/// Compiled templates are cached by <see cref="NoticeTemplateStore"/>; rendering is thread-safe.</summary>
/// <param name="parties">Names bodies in `role_name` as on the given date; the shipped directory when omitted.</param>
public sealed class NoticeRenderer(NoticeTemplateStore templates, PartyDirectory? parties = null)
{
    /// <summary>Top-level names the renderer provides; a model may not use them.</summary>
    public static readonly IReadOnlyList<string> ReservedNames = ["notice", "link", "terms", "content", "model"];

    private readonly ScriptObject _functions = TemplateFunctions.Create(parties ?? PartyDirectory.LoadDefault());

    // A context carries Scriban's built-in functions (a few dozen objects): built once and reused, one notice at a
    // time, instead of five per notice. A context whose render failed may hold half-popped state and is dropped.
    private readonly ConcurrentBag<TemplateContext> _contexts = [];

    private volatile ConvertedTerms? _terms;

    public NoticeTemplateStore Templates => templates;

    /// <exception cref="NoticeTemplateException">The template is missing or does not parse, or the model does not fit it.</exception>
    public RenderedNotice Render(string key, JsonObject model, NoticeEnvelope envelope)
    {
        var kind = templates.GetKind(key);
        foreach (var name in ReservedNames)
        {
            if (model.ContainsKey(name))
            {
                throw new NoticeTemplateException($"模型字段“{name}”是保留名 / model member '{name}' is reserved");
            }
        }

        var subjectTemplate = templates.GetTemplate(key, NoticeTemplateStore.SubjectFile);
        var textBodyTemplate = templates.GetTemplate(key, NoticeTemplateStore.TextBodyFile);
        var htmlBodyTemplate = templates.GetTemplate(key, NoticeTemplateStore.HtmlBodyFile);
        var textLayout = templates.GetLayout(NoticeTemplateStore.TextLayoutFile);
        var htmlLayout = templates.GetLayout(NoticeTemplateStore.HtmlLayoutFile);
        var terms = Terms();

        var context = _contexts.TryTake(out var pooled) ? pooled : NewContext();

        // The model and the envelope are converted once per notice for text and once for HTML (escaped), then shared
        // by the templates of that notice, read-only, so a template cannot change what the next one sees.
        var textNotice = Notice(envelope, kind, null, html: false);
        var text = Globals(model, envelope, textNotice, terms.Text, html: false);
        var subject = OneLine(Run(context, key, NoticeTemplateStore.SubjectFile, subjectTemplate, text, null));
        if (subject.Length == 0)
        {
            _contexts.Add(context);
            throw new NoticeTemplateException($"{key}/{NoticeTemplateStore.SubjectFile}: 标题为空 / the subject is empty");
        }

        // The subject is known only now; the bodies and layouts see it as `notice.title`.
        textNotice.IsReadOnly = false;
        textNotice["title"] = subject;
        textNotice.IsReadOnly = true;
        var textBody = Run(context, key, NoticeTemplateStore.TextBodyFile, textBodyTemplate, text, null);
        var textResult = CleanText(Run(context, key, NoticeTemplateStore.TextLayoutFile, textLayout, text, CleanText(textBody)));
        var html = Globals(model, envelope, Notice(envelope, kind, subject, html: true), terms.Html, html: true);
        var htmlBody = Run(context, key, NoticeTemplateStore.HtmlBodyFile, htmlBodyTemplate, html, null);
        var htmlResult = CleanHtml(Run(context, key, NoticeTemplateStore.HtmlLayoutFile, htmlLayout, html, CleanHtml(htmlBody)));
        _contexts.Add(context);
        return new RenderedNotice(kind, subject, textResult, htmlResult, envelope);
    }

    private TemplateContext NewContext()
    {
        var context = new TemplateContext
        {
            StrictVariables = true,
            LoopLimit = 1000,
            RecursiveLimit = 32,
            LimitToString = 100_000,
            NewLine = "\n",
        };
        context.PushGlobal(_functions);
        return context;
    }

    private static ScriptObject Globals(JsonObject model, NoticeEnvelope envelope, StrictScriptObject notice, ScriptObject terms, bool html)
    {
        // Top-level names are strict through TemplateContext.StrictVariables, nested model objects through StrictScriptObject.
        var globals = new ScriptObject();

        // The whole model once more, for optional fields: {{ if object.has_key model "reasons" }}. Same values as the
        // top-level names, not a second copy.
        var whole = new StrictScriptObject("model");
        foreach (var (name, value) in model)
        {
            var converted = TemplateValues.From(value, html, name);
            globals[name] = converted;
            whole[name] = converted;
        }

        whole.IsReadOnly = true;
        globals["model"] = whole;
        globals["notice"] = notice;
        globals["link"] = envelope.Link is { } link
            ? new StrictScriptObject("link") { ["url"] = TemplateValues.Text(link.Url, html), ["grace_days"] = link.GraceDays, IsReadOnly = true }
            : null;

        // Terms are looked up by code (terms.task_kinds[task_kind]): an unknown code gives null and the template's fallback.
        globals["terms"] = terms;
        globals.IsReadOnly = true;
        return globals;
    }

    private static StrictScriptObject Notice(NoticeEnvelope envelope, NoticeKind kind, string? title, bool html)
    {
        // A 文件 (formal document, series 发) carries "…文件" as its masthead; letters (函) and reports the name alone.
        var mark = kind.Series == "发" ? envelope.Issuer + "文件" : envelope.Issuer;
        return new StrictScriptObject("notice")
        {
            ["issuer"] = TemplateValues.Text(envelope.Issuer, html),
            ["mark"] = TemplateValues.Text(mark, html),
            ["number"] = TemplateValues.Text(envelope.Number?.ToString(), html),
            ["title"] = TemplateValues.Text(title, html),
            ["to"] = TemplateValues.Strings(envelope.To, html),
            ["cc"] = TemplateValues.Strings(envelope.CopyTo, html),
            ["attachments"] = TemplateValues.Strings(envelope.Attachments, html),
            ["date"] = OfficialDate.Format(envelope.Date),
            ["date_iso"] = envelope.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["printed_by"] = TemplateValues.Text(envelope.Issuer + "办公室", html),
            ["signatory"] = TemplateValues.Text(envelope.Signatory is { } s ? $"{s.Title}：{s.Name}" : null, html),
            IsReadOnly = true,
        };
    }

    /// <summary>terms.json converted for text and for HTML, again only when the store reads a changed file.</summary>
    private ConvertedTerms Terms()
    {
        var source = templates.GetTerms();
        var terms = _terms;
        if (terms is null || !ReferenceEquals(terms.Source, source))
        {
            terms = new ConvertedTerms(
                source,
                TemplateValues.Object(source, escapeHtml: false, "terms", strict: false),
                TemplateValues.Object(source, escapeHtml: true, "terms", strict: false));
            _terms = terms;
        }

        return terms;
    }

    private static string Run(TemplateContext context, string key, string file, Template template, ScriptObject globals, string? content)
    {
        // Assignments in a template ({{ kind = … }}) land in the topmost global: a fresh one per template, as before.
        context.PushGlobal(globals);
        context.PushGlobal(new ScriptObject { ["content"] = content });
        string result;
        try
        {
            result = template.Render(context);
        }
        catch (ScriptRuntimeException e)
        {
            throw new NoticeTemplateException($"{key}/{file}: {e.Message}", e);
        }

        context.PopGlobal();
        context.PopGlobal();
        return result;
    }

    private static string OneLine(string text) =>
        string.Join(' ', text.Split((char[])['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).Trim();

    /// <summary>Trailing spaces off, at most one blank line in a row, no blank lines at either end. Leading full-width
    /// spaces (paragraph indents) stay.</summary>
    internal static string CleanText(string text)
    {
        var builder = new StringBuilder(text.Length);
        var blank = 0;
        foreach (var line in Lines(text))
        {
            if (line.IsEmpty)
            {
                blank++;
                continue;
            }

            if (builder.Length > 0 && blank > 0)
            {
                builder.Append('\n');
            }

            blank = 0;
            builder.Append(line).Append('\n');
        }

        return builder.ToString();
    }

    /// <summary>Drops the blank lines template control flow leaves behind.</summary>
    internal static string CleanHtml(string html)
    {
        var builder = new StringBuilder(html.Length);
        foreach (var line in Lines(html))
        {
            if (!line.IsEmpty)
            {
                builder.Append(line).Append('\n');
            }
        }

        return builder.ToString();
    }

    /// <summary>The lines of <paramref name="text"/> split at `\n`, each without trailing white space (so a `\r`
    /// before the `\n` goes too), without copying them.</summary>
    private static LineEnumerator Lines(string text) => new(text);

    private sealed record ConvertedTerms(JsonObject Source, ScriptObject Text, ScriptObject Html);

    private ref struct LineEnumerator(string text)
    {
        private int _next;

        public ReadOnlySpan<char> Current { get; private set; }

        public readonly LineEnumerator GetEnumerator() => this;

        public bool MoveNext()
        {
            if (_next > text.Length)
            {
                return false;
            }

            var rest = text.AsSpan(_next);
            var end = rest.IndexOf('\n');
            var line = end < 0 ? rest : rest[..end];
            _next += end < 0 ? rest.Length + 1 : end + 1;
            Current = line.TrimEnd();
            return true;
        }
    }
}
