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

        var subject = OneLine(Run(key, NoticeTemplateStore.SubjectFile, templates.GetTemplate(key, NoticeTemplateStore.SubjectFile), Globals(model, envelope, kind, null, null, html: false)));
        if (subject.Length == 0)
        {
            throw new NoticeTemplateException($"{key}/{NoticeTemplateStore.SubjectFile}: 标题为空 / the subject is empty");
        }

        var textBody = Run(key, NoticeTemplateStore.TextBodyFile, templates.GetTemplate(key, NoticeTemplateStore.TextBodyFile), Globals(model, envelope, kind, subject, null, html: false));
        var text = CleanText(Run(key, NoticeTemplateStore.TextLayoutFile, templates.GetLayout(NoticeTemplateStore.TextLayoutFile), Globals(model, envelope, kind, subject, CleanText(textBody), html: false)));
        var htmlBody = Run(key, NoticeTemplateStore.HtmlBodyFile, templates.GetTemplate(key, NoticeTemplateStore.HtmlBodyFile), Globals(model, envelope, kind, subject, null, html: true));
        var html = CleanHtml(Run(key, NoticeTemplateStore.HtmlLayoutFile, templates.GetLayout(NoticeTemplateStore.HtmlLayoutFile), Globals(model, envelope, kind, subject, CleanHtml(htmlBody), html: true)));
        return new RenderedNotice(kind, subject, text, html, envelope);
    }

    private ScriptObject Globals(JsonObject model, NoticeEnvelope envelope, NoticeKind kind, string? title, string? content, bool html)
    {
        // Top-level names are strict through TemplateContext.StrictVariables, nested model objects through StrictScriptObject.
        var globals = new ScriptObject();
        foreach (var (name, value) in model)
        {
            globals[name] = TemplateValues.From(value, html, name);
        }

        // The whole model once more, for optional fields: {{ if object.has_key model "reasons" }}.
        globals["model"] = TemplateValues.Object(model, html, "model");
        globals["notice"] = Notice(envelope, kind, title, html);
        globals["link"] = envelope.Link is { } link
            ? new StrictScriptObject("link") { ["url"] = TemplateValues.Text(link.Url, html), ["grace_days"] = link.GraceDays }
            : null;

        // Terms are looked up by code (terms.task_kinds[task_kind]): an unknown code gives null and the template's fallback.
        globals["terms"] = TemplateValues.Object(templates.GetTerms(), html, "terms", strict: false);
        globals["content"] = content;
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
        };
    }

    private string Run(string key, string file, Template template, ScriptObject globals)
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
        context.PushGlobal(globals);
        try
        {
            return template.Render(context);
        }
        catch (ScriptRuntimeException e)
        {
            throw new NoticeTemplateException($"{key}/{file}: {e.Message}", e);
        }
    }

    private static string OneLine(string text) =>
        string.Join(' ', text.Split((char[])['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).Trim();

    /// <summary>Trailing spaces off, at most one blank line in a row, no blank lines at either end. Leading full-width
    /// spaces (paragraph indents) stay.</summary>
    internal static string CleanText(string text)
    {
        var builder = new StringBuilder(text.Length);
        var blank = 0;
        foreach (var raw in text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            var line = raw.TrimEnd();
            if (line.Length == 0)
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
        foreach (var raw in html.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            var line = raw.TrimEnd();
            if (line.Trim().Length > 0)
            {
                builder.Append(line).Append('\n');
            }
        }

        return builder.ToString();
    }
}
