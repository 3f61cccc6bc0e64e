namespace Reduction.Server.Outbox;

/// <summary>A notice's HTML shown in a sandboxed frame: its own styles stay inside, and its links (the task link)
/// open in a new window.</summary>
public static class NoticeFrame
{
    public const string Sandbox = "allow-popups allow-popups-to-escape-sandbox";

    public static string WithBaseTarget(string html)
    {
        ArgumentNullException.ThrowIfNull(html);
        const string Base = "<base target=\"_blank\">";
        var head = html.IndexOf("<head>", StringComparison.OrdinalIgnoreCase);
        return head >= 0 ? html.Insert(head + "<head>".Length, Base) : Base + html;
    }
}
