using System.Text;
using MimeKit;
using Reduction.Domain.Parties;
using Reduction.Notifications.Templates;
using Reduction.Notifications.Tests.Support;

namespace Reduction.Notifications.Tests.Templates;

/// <summary>Renders every `Golden/*.model.json` and compares with the `*.expected.*` files beside it.
/// `REDUCTION_UPDATE_GOLDEN=1` rewrites the expected files instead (review the diff before committing).</summary>
public class TemplateGoldenTests
{
    private static readonly bool Update = Environment.GetEnvironmentVariable("REDUCTION_UPDATE_GOLDEN") == "1";

    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(RepositoryPaths.Golden, "*.model.json").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(file)[..^".model.json".Length]);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Render_GoldenModel_MatchesExpectedOutput(string name)
    {
        var preview = NoticePreview.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Golden, name + ".model.json")), null, new DateOnly(2015, 1, 1));
        var renderer = new NoticeRenderer(new NoticeTemplateStore(RepositoryPaths.Templates));
        var notice = preview.Render(renderer, new NoticeAddressing(PartyDirectory.LoadDefault()));

        Compare(name + ".expected.txt", notice.ToPlainText());
        Compare(name + ".expected.html", notice.Html);
        var message = preview.ToMessage(notice);
        var calendar = message.Attachments.OfType<MimePart>().SingleOrDefault(p => p.FileName == NoticeAddressing.CalendarFileName);
        if (calendar is not null || File.Exists(Path.Combine(RepositoryPaths.Golden, name + ".expected.ics")))
        {
            Assert.NotNull(calendar);
            Assert.NotNull(calendar.Content);
            using var content = new MemoryStream();
            calendar.Content.DecodeTo(content);
            Compare(name + ".expected.ics", Encoding.UTF8.GetString(content.ToArray()).ReplaceLineEndings("\n"));
        }
    }

    [Fact]
    public void Golden_EveryNoticeKind_HasAnExample()
    {
        var store = new NoticeTemplateStore(RepositoryPaths.Templates);
        var examples = Directory.GetFiles(RepositoryPaths.Golden, "*.model.json")
            .Select(f => NoticePreview.Parse(File.ReadAllText(f), null, new DateOnly(2015, 1, 1)).TemplateKey)
            .ToHashSet(StringComparer.Ordinal);

        var missing = store.Keys.Where(k => !examples.Contains(k)).ToList();
        Assert.True(missing.Count == 0, "no golden example for: " + string.Join(", ", missing));
    }

    private static void Compare(string file, string actual)
    {
        var path = Path.Combine(RepositoryPaths.Golden, file);
        if (Update)
        {
            File.WriteAllText(path, actual);
            return;
        }

        Assert.True(File.Exists(path), $"missing golden file {file}: run with REDUCTION_UPDATE_GOLDEN=1");
        Assert.Equal(File.ReadAllText(path).ReplaceLineEndings("\n"), actual);
    }
}
