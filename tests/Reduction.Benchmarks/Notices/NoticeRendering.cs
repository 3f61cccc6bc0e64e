using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Reduction.Benchmarks.Support;
using Reduction.Notifications.Templates;
using Scriban;
using Scriban.Runtime;

namespace Reduction.Benchmarks.Notices;

/// <summary>(g) Notices rendered per second through <see cref="NoticeRenderer"/> (as a preview renders one: recipients
/// resolved, envelope built, subject, text and HTML bodies, both layouts), against bare Scriban rendering the same
/// five template files, parsed once, with a plain model of the same values: with a new default context per template
/// (the baseline of the goal), and with one context reused for every template (the least a Scriban caller can do).
/// All in one process, alternating rounds.</summary>
internal static class NoticeRendering
{
    private const string ModelFile = "tests/Reduction.Notifications.Tests/Golden/task-issued.model.json";
    private const int Rounds = 3;
    private static readonly TimeSpan WarmUpTime = TimeSpan.FromSeconds(2);

    public static Task RunAsync(BenchmarkSizes sizes, ResultTable table, CancellationToken cancellationToken)
    {
        var templatesFolder = Path.Combine(RepoPaths.Root, "templates");
        var renderer = new NoticeRenderer(new NoticeTemplateStore(templatesFolder));
        // The golden model is addressed to lhasa; on another directory the same notice goes to its first prefecture.
        var model = File.ReadAllText(Path.Combine(RepoPaths.Root, ModelFile)).Replace("\"lhasa\"", $"\"{BenchParties.Prefecture}\"", StringComparison.Ordinal);
        var preview = NoticePreview.Parse(model, null, NoticePreview.Today(TimeProvider.System));
        var addressing = new NoticeAddressing(BenchParties.Load());
        var reference = preview.Render(renderer, addressing);

        var bare = new BareNotice(templatesFolder, preview, reference, reuseContext: false);
        var bareReused = new BareNotice(templatesFolder, preview, reference, reuseContext: true);
        foreach (var check in new[] { bare, bareReused })
        {
            var (subject, text, _) = check.Render();
            if (subject != reference.Subject || !text.Contains(preview.Model["task_title"]!.GetValue<string>(), StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"bare Scriban rendered a different notice: subject '{subject}', expected '{reference.Subject}'");
            }
        }

        // Warm-up (template caches, JIT up to its optimized tier), then alternating timed rounds; the best round of each counts.
        WarmUp(() => preview.Render(renderer, addressing).Html.Length);
        WarmUp(() => bare.Render().Html.Length);
        WarmUp(() => bareReused.Render().Html.Length);
        var renderer1 = 0.0;
        var bare1 = 0.0;
        var bareReused1 = 0.0;
        for (var round = 0; round < Rounds; round++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            renderer1 = Math.Max(renderer1, Measure(() => preview.Render(renderer, addressing).Html.Length, sizes.NoticeRenders));
            bare1 = Math.Max(bare1, Measure(() => bare.Render().Html.Length, sizes.NoticeRenders));
            bareReused1 = Math.Max(bareReused1, Measure(() => bareReused.Render().Html.Length, sizes.NoticeRenders));
        }

        var overhead = bare1 / renderer1;
        table.Add("g", "notices rendered (NoticeRenderer, task-issued)", renderer1, "notices/s", (bare1, "notices/s", "bare Scriban, same 5 templates"),
            "overhead ≤ 1.5×", overhead <= 1.5);
        table.Add("g", "bare Scriban, one context reused", bareReused1, "notices/s");
        table.Note("g", $"bare Scriban {ResultTable.Format(bare1)} notices/s, NoticeRenderer {ResultTable.Format(renderer1)} notices/s: overhead {overhead.ToString("0.00", CultureInfo.InvariantCulture)}× the time per notice ({ResultTable.Format(1e6 / renderer1)} µs against {ResultTable.Format(1e6 / bare1)} µs)");
        table.Note("g", $"bare Scriban with one context reused {ResultTable.Format(bareReused1)} notices/s ({ResultTable.Format(1e6 / bareReused1)} µs): NoticeRenderer overhead {(bareReused1 / renderer1).ToString("0.00", CultureInfo.InvariantCulture)}× against it");
        table.Note("g", $"{ResultTable.Format(sizes.NoticeRenders)} notices per round, best of {Rounds} alternating rounds, one thread, after {WarmUpTime.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s of warm-up each; output {reference.Text.Length} text + {reference.Html.Length} HTML characters");
        return Task.CompletedTask;
    }

    private static void WarmUp(Func<int> render)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < WarmUpTime)
        {
            Measure(render, 50);
        }
    }

    /// <summary>Renders <paramref name="count"/> notices; returns notices per second.</summary>
    private static double Measure(Func<int> render, int count)
    {
        var sink = 0;
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            sink += render();
        }

        clock.Stop();
        GC.KeepAlive(sink);
        return count / clock.Elapsed.TotalSeconds;
    }

    /// <summary>The same template text, parsed once, rendered with default Scriban settings and plain values: no
    /// reserved-name or strictness checks, no HTML escaping, no envelope or recipient work, no clean-up passes.</summary>
    private sealed class BareNotice
    {
        private readonly Template _subject;
        private readonly Template _textBody;
        private readonly Template _textLayout;
        private readonly Template _htmlBody;
        private readonly Template _htmlLayout;
        private readonly ScriptObject _model;
        private readonly ScriptObject _notice;
        private readonly TemplateContext? _reused;

        public BareNotice(string folder, NoticePreview preview, RenderedNotice reference, bool reuseContext)
        {
            _subject = Parse(folder, preview.TemplateKey, NoticeTemplateStore.SubjectFile);
            _textBody = Parse(folder, preview.TemplateKey, NoticeTemplateStore.TextBodyFile);
            _htmlBody = Parse(folder, preview.TemplateKey, NoticeTemplateStore.HtmlBodyFile);
            _textLayout = Parse(folder, NoticeTemplateStore.LayoutFolder, NoticeTemplateStore.TextLayoutFile);
            _htmlLayout = Parse(folder, NoticeTemplateStore.LayoutFolder, NoticeTemplateStore.HtmlLayoutFile);

            // The one helper the task-issued body calls, as a plain function.
            _model = new ScriptObject();
            _model.Import("deadline_text", new Func<string, string>(value =>
                DateTimeOffset.Parse(value, CultureInfo.InvariantCulture).ToOffset(TimeSpan.FromHours(8)).ToString("yyyy年M月d日H时mm分", CultureInfo.InvariantCulture)));
            foreach (var (name, value) in preview.Model)
            {
                _model[name] = Plain(value);
            }

            _model["terms"] = Plain(JsonNode.Parse(File.ReadAllText(Path.Combine(folder, NoticeTemplateStore.LayoutFolder, "terms.json"))));
            var envelope = reference.Envelope;
            _model["link"] = envelope.Link is { } link ? new ScriptObject { ["url"] = link.Url, ["grace_days"] = link.GraceDays } : null;
            _notice = new ScriptObject
            {
                ["issuer"] = envelope.Issuer,
                ["mark"] = reference.Kind.Series == "发" ? envelope.Issuer + "文件" : envelope.Issuer,
                ["number"] = envelope.Number?.ToString(),
                ["to"] = new ScriptArray(envelope.To),
                ["cc"] = new ScriptArray(envelope.CopyTo),
                ["attachments"] = new ScriptArray(envelope.Attachments),
                ["date"] = envelope.Date.ToString("yyyy年M月d日", CultureInfo.InvariantCulture),
                ["printed_by"] = envelope.Issuer + "办公室",
            };
            _model["notice"] = _notice;
            if (reuseContext)
            {
                _reused = new TemplateContext();
                _reused.PushGlobal(_model);
            }
        }

        public (string Subject, string Text, string Html) Render()
        {
            _notice["title"] = null;
            var subject = Run(_subject, null).Trim();
            _notice["title"] = subject;
            var text = Run(_textLayout, Run(_textBody, null));
            var html = Run(_htmlLayout, Run(_htmlBody, null));
            return (subject, text, html);
        }

        private string Run(Template template, string? content)
        {
            if (_reused is null)
            {
                var context = new TemplateContext();
                context.PushGlobal(_model);
                context.PushGlobal(new ScriptObject { ["content"] = content });
                return template.Render(context);
            }

            _reused.PushGlobal(new ScriptObject { ["content"] = content });
            try
            {
                return template.Render(_reused);
            }
            finally
            {
                _reused.PopGlobal();
            }
        }

        private static Template Parse(string folder, string key, string file)
        {
            var path = Path.Combine(folder, key, file);
            var template = Template.Parse(File.ReadAllText(path), path);
            return template.HasErrors ? throw new InvalidOperationException($"{path}: {string.Join("; ", template.Messages)}") : template;
        }

        private static object? Plain(JsonNode? node) => node switch
        {
            null => null,
            JsonObject obj => Object(obj),
            JsonArray array => new ScriptArray(array.Select(Plain)),
            JsonValue value when value.TryGetValue(out string? text) => text,
            JsonValue value when value.TryGetValue(out long number) => number,
            JsonValue value when value.TryGetValue(out double number) => number,
            JsonValue value when value.TryGetValue(out bool flag) => flag,
            _ => node.ToJsonString(),
        };

        private static ScriptObject Object(JsonObject obj)
        {
            var result = new ScriptObject();
            foreach (var (name, value) in obj)
            {
                result[name] = Plain(value);
            }

            return result;
        }
    }
}
