using System.Text.Json;
using Reduction.Cli.Tests.Assess;

namespace Reduction.Cli.Tests.Workflows;

public class WorkflowsCommandTests
{
    private const string Valid = """
        {
          "id": "mini", "name": "最小流程",
          "activities": [
            { "id": "start", "type": "Start" },
            { "id": "notify", "type": "SendNotice", "inputs": { "template": "result", "recipientRoles": ["epb"] } },
            { "id": "end", "type": "End" }
          ],
          "connections": [
            { "from": "start", "outcome": "done", "to": "notify" },
            { "from": "notify", "outcome": "done", "to": "end" }
          ]
        }
        """;

    private static (int ExitCode, string Output, string Error) Run(params string[] args)
    {
        using var output = new StringWriter { NewLine = "\n" };
        using var error = new StringWriter { NewLine = "\n" };
        var exitCode = CliApp.Run(args, output, error);
        return (exitCode, output.ToString(), error.ToString());
    }

    private static string ShippedFolder => Path.Combine(CliRun.RepositoryRoot(), "workflows");

    [Fact]
    public void Validate_ShippedFolder_PrintsOkPerFileAndExitsZero()
    {
        var (exitCode, output, error) = Run("workflows", "validate", ShippedFolder);

        Assert.Equal(0, exitCode);
        Assert.Equal(string.Empty, error);
        var expected = Directory.GetFiles(ShippedFolder, "*.json").Order(StringComparer.Ordinal).Select(f => $"ok  {f}");
        Assert.Equal(expected, output.TrimEnd('\n').Split('\n'));
    }

    [Fact]
    public void Validate_FolderWithSubfolder_ValidatesTopLevelFilesOnly()
    {
        using var folder = new TempFolder();
        var file = folder.Write("mini.json", Valid);
        folder.Write(Path.Combine("schema", "not-a-definition.json"), """{ "$schema": "https://json-schema.org/draft/2020-12/schema" }""");

        var (exitCode, output, _) = Run("workflows", "validate", folder.Path);

        Assert.Equal(0, exitCode);
        Assert.Equal($"ok  {file}\n", output);
    }

    [Fact]
    public void Validate_InvalidFile_ExitsTwoWithFindingsOnStderrOnly()
    {
        using var folder = new TempFolder();
        var file = folder.Write("bad.json", Valid.Replace("\"recipientRoles\": [\"epb\"]", "\"recipientRoles\": [\"police\"]", StringComparison.Ordinal));

        var (exitCode, output, error) = Run("workflows", "validate", file);

        Assert.Equal(2, exitCode);
        Assert.Equal(string.Empty, output);
        Assert.StartsWith($"错误 {file}: 活动 notify.recipientRoles[0]: 未知角色“police”", error, StringComparison.Ordinal);
        Assert.Contains(" / unknown role 'police'", error, StringComparison.Ordinal);
        Assert.Single(error.TrimEnd('\n').Split('\n'));
    }

    [Fact]
    public void Validate_ValidAndInvalidFiles_OkOnStdoutFindingsOnStderrExitTwo()
    {
        using var folder = new TempFolder();
        var good = folder.Write("a.json", Valid);
        var bad = folder.Write("b.json", Valid.Replace("\"to\": \"end\"", "\"to\": \"finish\"", StringComparison.Ordinal));

        var (exitCode, output, error) = Run("workflows", "validate", good, bad);

        Assert.Equal(2, exitCode);
        Assert.Equal($"ok  {good}\n", output);
        Assert.Contains($"错误 {bad}: connections[1].to（起点 notify）: 连接的终点“finish”不存在", error, StringComparison.Ordinal);
        Assert.Contains($"错误 {bad}: 活动 end: ", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ValidFileWithWarning_PrintsOkThenWarning()
    {
        using var folder = new TempFolder();
        var file = folder.Write("warn.json", Valid.Replace("\"name\": \"最小流程\",", "\"name\": \"最小流程\", \"variables\": [{ \"name\": \"year\", \"type\": \"number\", \"default\": \"2015\" }],", StringComparison.Ordinal));

        var (exitCode, output, error) = Run("workflows", "validate", file);

        Assert.Equal(0, exitCode);
        Assert.Equal(string.Empty, error);
        var lines = output.TrimEnd('\n').Split('\n');
        Assert.Equal($"ok  {file}", lines[0]);
        Assert.StartsWith($"警告 {file}: variables[0].default: ", lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_MalformedJson_OneFindingNamingJson()
    {
        using var folder = new TempFolder();
        var file = folder.Write("broken.json", """{ "id": "x", "name": "坏", "activities": [ """);

        var (exitCode, output, error) = Run("workflows", "validate", file);

        Assert.Equal(2, exitCode);
        Assert.Equal(string.Empty, output);
        Assert.StartsWith($"错误 {file}: JSON 格式错误", error, StringComparison.Ordinal);
        Assert.Single(error.TrimEnd('\n').Split('\n'));
    }

    [Fact]
    public void Validate_MissingPath_ExitsTwoWithNothingOnStdout()
    {
        using var folder = new TempFolder();
        var good = folder.Write("a.json", Valid);
        var missing = Path.Combine(folder.Path, "missing.json");

        var (exitCode, output, error) = Run("workflows", "validate", good, missing);

        Assert.Equal(2, exitCode);
        Assert.Equal(string.Empty, output);
        Assert.Equal($"找不到文件或目录“{missing}” / no such file or folder: {missing}\n", error);
    }

    [Fact]
    public void Validate_FolderWithoutJson_ExitsTwo()
    {
        using var folder = new TempFolder();

        var (exitCode, output, error) = Run("workflows", "validate", folder.Path);

        Assert.Equal(2, exitCode);
        Assert.Equal(string.Empty, output);
        Assert.Equal($"目录“{folder.Path}”中没有 .json 文件 / no .json files in folder {folder.Path}\n", error);
    }

    [Fact]
    public void Validate_NoPath_ExitsTwo()
    {
        var (exitCode, output, error) = Run("workflows", "validate");

        Assert.Equal(2, exitCode);
        Assert.Equal(string.Empty, output);
        Assert.Contains("参数错误 / invalid arguments", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Activities_Json_DescribesEveryTypeWithInputsAndOutcomes()
    {
        var (exitCode, output, error) = Run("workflows", "activities", "--format", "json");

        Assert.Equal(0, exitCode);
        Assert.Equal(string.Empty, error);
        Assert.Contains("\"displayName\": \"下达任务\"", output, StringComparison.Ordinal);
        using var document = JsonDocument.Parse(output);
        var activities = document.RootElement.EnumerateArray().ToList();
        Assert.Contains(activities, a => a.GetProperty("type").GetString() == "Start");
        var task = activities.Single(a => a.GetProperty("type").GetString() == "IssueTask");
        Assert.Equal("任务", task.GetProperty("category").GetString());
        Assert.True(task.GetProperty("waits").GetBoolean());
        Assert.Equal(["submitted", "overdue", "cancelled"], task.GetProperty("outcomes").EnumerateArray().Select(o => o.GetString()));
        var due = task.GetProperty("inputs").EnumerateArray().Single(i => i.GetProperty("name").GetString() == "due");
        Assert.Equal("deadline-rule", due.GetProperty("uiHint").GetString());
        Assert.Equal("string", due.GetProperty("jsonType").GetString());
        Assert.True(due.GetProperty("required").GetBoolean());
        Assert.True(due.TryGetProperty("description", out _));
        Assert.True(due.TryGetProperty("options", out _));
        var fork = activities.Single(a => a.GetProperty("type").GetString() == "Fork");
        Assert.Equal("branches", fork.GetProperty("dynamicOutcomesInput").GetString());
    }

    [Fact]
    public void Activities_DefaultFormat_PrintsTablePerActivity()
    {
        var (exitCode, output, error) = Run("workflows", "activities");

        Assert.Equal(0, exitCode);
        Assert.Equal(string.Empty, error);
        Assert.Contains("IssueTask（下达任务）[任务，可等待]\n", output, StringComparison.Ordinal);
        Assert.Matches(@"\n  due +string +deadline-rule +是 +期限规则\n", output);
        Assert.Matches(@"共 \d+ 种活动。\n$", output);
    }

    [Fact]
    public void Activities_UnknownFormat_ExitsTwo()
    {
        var (exitCode, output, error) = Run("workflows", "activities", "--format", "xml");

        Assert.Equal(2, exitCode);
        Assert.Equal(string.Empty, output);
        Assert.Equal("未知的输出格式“xml”，可选：table、json / unknown format 'xml'; valid: table, json\n", error);
    }

    [Fact]
    public void Diff_SameContent_PrintsNoDifferences()
    {
        using var folder = new TempFolder();
        var a = folder.Write("a.json", Valid);
        var b = folder.Write("b.json", Valid.Replace("\"id\": \"mini\",", "\"id\": \"mini\", \"version\": 2,", StringComparison.Ordinal));

        var (exitCode, output, error) = Run("workflows", "diff", a, b);

        Assert.Equal(0, exitCode);
        Assert.Equal(string.Empty, error);
        Assert.Equal($"--- {a}（mini 版本 0）\n+++ {b}（mini 版本 2）\n无差异 / no differences\n", output);
    }

    [Fact]
    public void Diff_ChangedVersion_PrintsMarkedLines()
    {
        using var folder = new TempFolder();
        var a = folder.Write("a.json", Valid);
        var b = folder.Write("b.json", """
            {
              "id": "mini", "name": "最小流程（改）",
              "triggers": [{ "kind": "manual" }],
              "activities": [
                { "id": "start", "type": "Start" },
                { "id": "notify", "type": "SendNotice", "inputs": { "template": "result", "recipientRoles": ["epb", "drc"] } },
                { "id": "wait", "type": "Delay", "inputs": { "duration": "P1D" } },
                { "id": "end", "type": "End" }
              ],
              "connections": [
                { "from": "start", "outcome": "done", "to": "notify" },
                { "from": "notify", "outcome": "done", "to": "wait" },
                { "from": "wait", "outcome": "done", "to": "end" }
              ]
            }
            """);

        var (exitCode, output, error) = Run("workflows", "diff", a, b);

        Assert.Equal(0, exitCode);
        Assert.Equal(string.Empty, error);
        Assert.Equal(
            $$"""
            --- {{a}}（mini 版本 0）
            +++ {{b}}（mini 版本 0）
            ~ name：“最小流程” → “最小流程（改）”
            + 活动 wait（Delay）
            ~ 活动 notify（SendNotice）：输入 recipientRoles
            + 连接 notify -[done]-> wait
            + 连接 wait -[done]-> end
            - 连接 notify -[done]-> end
            + 触发器 {"kind":"manual"}

            """,
            output);
    }

    [Fact]
    public void Diff_JsonFormat_SerialisesTheDiff()
    {
        using var folder = new TempFolder();
        var a = folder.Write("a.json", Valid);
        var b = folder.Write("b.json", Valid.Replace("\"template\": \"result\"", "\"template\": \"receipt\"", StringComparison.Ordinal));

        var (exitCode, output, _) = Run("workflows", "diff", a, b, "--format", "json");

        Assert.Equal(0, exitCode);
        using var document = JsonDocument.Parse(output);
        var change = Assert.Single(document.RootElement.GetProperty("changedActivities").EnumerateArray());
        Assert.Equal("notify", change.GetProperty("id").GetString());
        Assert.Equal(["template"], change.GetProperty("changedInputs").EnumerateArray().Select(i => i.GetString()));
        Assert.False(document.RootElement.GetProperty("isEmpty").GetBoolean());
    }

    [Fact]
    public void Diff_MissingFile_ExitsTwoWithNothingOnStdout()
    {
        using var folder = new TempFolder();
        var a = folder.Write("a.json", Valid);
        var missing = Path.Combine(folder.Path, "nope.json");

        var (exitCode, output, error) = Run("workflows", "diff", a, missing);

        Assert.Equal(2, exitCode);
        Assert.Equal(string.Empty, output);
        Assert.Equal($"找不到文件“{missing}” / file not found: {missing}\n", error);
    }

    [Fact]
    public void Diff_MalformedFile_ExitsTwo()
    {
        using var folder = new TempFolder();
        var a = folder.Write("a.json", Valid);
        var b = folder.Write("b.json", "{");

        var (exitCode, output, error) = Run("workflows", "diff", a, b);

        Assert.Equal(2, exitCode);
        Assert.Equal(string.Empty, output);
        Assert.StartsWith($"{b}: JSON 格式错误", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Schema_PrintsTheShippedSchema()
    {
        var (exitCode, output, error) = Run("workflows", "schema");

        Assert.Equal(0, exitCode);
        Assert.Equal(string.Empty, error);
        Assert.Equal(File.ReadAllText(Path.Combine(ShippedFolder, "schema", "workflow-definition.schema.json")), output);
    }

    [Fact]
    public void Schema_StrayArgument_ExitsTwoWithNothingOnStdout()
    {
        var (exitCode, output, error) = Run("workflows", "schema", "extra");

        Assert.Equal(2, exitCode);
        Assert.Equal(string.Empty, output);
        Assert.Equal("无法识别的参数：extra / unrecognized arguments: extra\n", error);
    }

    [Fact]
    public void Workflows_Help_ListsSubcommands()
    {
        var (exitCode, output, _) = Run("workflows", "--help");

        Assert.Equal(0, exitCode);
        foreach (var command in new[] { "validate", "diff", "activities", "schema" })
        {
            Assert.Contains(command, output, StringComparison.Ordinal);
        }
    }
}
