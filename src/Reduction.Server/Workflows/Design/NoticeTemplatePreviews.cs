using Reduction.Notifications.Templates;

namespace Reduction.Server.Workflows.Design;

/// <summary>The notice kinds under templates/ by their Chinese names, and each rendered on its sample model
/// (`sample.json` beside the templates, in the format of `reduction notices render`), for the designer's picker.</summary>
public sealed class NoticeTemplatePreviews(NoticeTemplateStore store, NoticeRenderer renderer, NoticeAddressing addressing, TimeProvider time)
{
    public const string SampleFile = "sample.json";

    public IReadOnlyList<(string Key, string Name)> Kinds => store.Keys.Select(k => (k, NameOf(k))).ToArray();

    public TemplateSample Render(string key)
    {
        if (!NoticeTemplateStore.IsValidKey(key) || !store.Keys.Contains(key))
        {
            return new TemplateSample(null, null, $"没有名为“{(key.Length > 64 ? key[..64] : key)}”的通知模板。");
        }

        var sample = Path.Combine(store.Folder, key, SampleFile);
        var json = File.Exists(sample) ? File.ReadAllText(sample) : $"{{\"template\": \"{key}\", \"model\": {{}}}}";
        try
        {
            var rendered = NoticePreview.Parse(json, key, NoticePreview.Today(time)).Render(renderer, addressing);
            return new TemplateSample(rendered.Subject, rendered.Text, null);
        }
        catch (Exception e) when (e is NoticeTemplateException or System.Text.Json.JsonException or InvalidOperationException or FormatException or Scriban.Syntax.ScriptRuntimeException)
        {
            return new TemplateSample(null, null, $"模板“{key}”无法在示例数据上生成：{FirstLine(e.Message)}");
        }
    }

    private string NameOf(string key)
    {
        try
        {
            return store.GetKind(key).DisplayName;
        }
        catch (NoticeTemplateException)
        {
            return key;
        }
    }

    private static string FirstLine(string message)
    {
        var line = message.Split('\n')[0];
        return line.Length > 200 ? line[..200] + "…" : line;
    }
}
