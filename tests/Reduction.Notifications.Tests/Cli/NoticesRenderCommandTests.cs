using Reduction.Cli;
using Reduction.Notifications.Tests.Support;

namespace Reduction.Notifications.Tests.Cli;

public class NoticesRenderCommandTests
{
    [Fact]
    public void Render_TextFormat_PrintsTheGoldenDocument()
    {
        var (code, output, error) = Run("notices", "render", "--template", "task-issued", "--model", Golden("task-issued.model.json"), "--templates", RepositoryPaths.Templates);

        Assert.Equal(0, code);
        Assert.Equal("", error);
        Assert.Equal(File.ReadAllText(Golden("task-issued.expected.txt")), output);
    }

    [Fact]
    public void Render_EmlFormat_PrintsAMessageWithCalendar()
    {
        var (code, output, _) = Run("notices", "render", "--template", "reminder", "--model", Golden("reminder.model.json"), "--format", "eml", "--templates", RepositoryPaths.Templates);

        Assert.Equal(0, code);
        Assert.Contains("Subject: =?utf-8?", output, StringComparison.Ordinal);
        Assert.Contains("Content-Type: text/calendar", output, StringComparison.Ordinal);
        Assert.Contains("Message-Id: <", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_ModelMissingAVariable_ExitsTwoNamingIt()
    {
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, """{ "date": "2015-03-13", "recipientParties": ["lhasa"], "model": { "task_title": "计划" } }""");

            var (code, output, error) = Run("notices", "render", "--template", "receipt", "--model", file, "--templates", RepositoryPaths.Templates);

            Assert.Equal(2, code);
            Assert.Equal("", output);
            Assert.Contains("submitted_at", error, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void Render_UnknownTemplate_ExitsTwo()
    {
        var (code, _, error) = Run("notices", "render", "--template", "no-such-kind", "--model", Golden("receipt.model.json"), "--templates", RepositoryPaths.Templates);

        Assert.Equal(2, code);
        Assert.Contains("no-such-kind", error, StringComparison.Ordinal);
    }

    private static string Golden(string file) => Path.Combine(RepositoryPaths.Golden, file);

    private static (int Code, string Output, string Error) Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = CliApp.Run(args, output, error);
        return (code, output.ToString(), error.ToString());
    }
}
