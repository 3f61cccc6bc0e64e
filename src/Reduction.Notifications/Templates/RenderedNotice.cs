namespace Reduction.Notifications.Templates;

/// <summary>A notice rendered through its templates and the shared layout.</summary>
/// <param name="Kind">The kind's settings (`notice.json`).</param>
/// <param name="Subject">The document title, one line; also the e-mail subject.</param>
/// <param name="Text">The whole document as plain text.</param>
/// <param name="Html">The whole document as an HTML page.</param>
/// <param name="Envelope">The frame it was rendered in.</param>
public sealed record RenderedNotice(NoticeKind Kind, string Subject, string Text, string Html, NoticeEnvelope Envelope)
{
    /// <summary>The subject line, a blank line, then the text: how previews and golden files show a notice.</summary>
    public string ToPlainText() => $"主题：{Subject}\n\n{Text}";
}
