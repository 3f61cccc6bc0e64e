using System.Text.Json;

namespace Reduction.Cli.Tests.Workflows;

/// <summary>The database commands through <c>CliApp.Run</c> on a temp SQLite file per test.</summary>
public class StoreCommandsTests
{
    private const string SignalFlow = """
        {
          "id": "wait-review",
          "name": "等待复核（测试）",
          "variables": [{ "name": "prefecture", "type": "string", "default": "lhasa" }],
          "activities": [
            { "id": "start", "type": "Start" },
            { "id": "wait", "type": "WaitForSignal", "inputs": { "signal": "review-done", "correlation": "{{ prefecture }}", "outputVariable": "review" } },
            { "id": "end", "type": "End" }
          ],
          "connections": [
            { "from": "start", "outcome": "done", "to": "wait" },
            { "from": "wait", "outcome": "done", "to": "end" }
          ]
        }
        """;

    [Fact]
    public void DemoScenario_OnSqlite_PublishStartShowCompleteVersionsDiff()
    {
        using var cli = WorkflowCli.OnSqlite();

        DemoScenario.Run(cli);
    }

    [Fact]
    public void Publish_InvalidFile_ExitsTwoAndPublishesNothing()
    {
        using var cli = WorkflowCli.OnSqlite();
        var good = cli.WriteFile("good.json", SignalFlow);
        var bad = cli.WriteFile("bad.json", SignalFlow.Replace("\"to\": \"end\"", "\"to\": \"finish\"", StringComparison.Ordinal).Replace("wait-review", "bad-flow", StringComparison.Ordinal));

        var error = cli.Rejected("publish", good, bad);

        Assert.Contains($"错误 {bad}: connections[1].to（起点 wait）: 连接的终点“finish”不存在", error, StringComparison.Ordinal);
        Assert.DoesNotContain(good, error, StringComparison.Ordinal);
        Assert.Equal("流程“wait-review”没有已存储的版本 / workflow 'wait-review' has no stored versions\n", cli.Rejected("versions", "wait-review"));
    }

    [Fact]
    public void Publish_Folder_PublishesEveryFile()
    {
        using var cli = WorkflowCli.OnSqlite();
        cli.WriteFile("a.json", SignalFlow);
        cli.WriteFile("b.json", SignalFlow.Replace("wait-review", "wait-review-b", StringComparison.Ordinal));

        var output = cli.Ok("publish", cli.Files.Path);

        Assert.Equal("wait-review v1  已发布：等待复核（测试）\nwait-review-b v1  已发布：等待复核（测试）\n", output);
    }

    [Fact]
    public void Publish_MissingFile_ExitsTwo()
    {
        using var cli = WorkflowCli.OnSqlite();
        var missing = Path.Combine(cli.Files.Path, "missing.json");

        Assert.Equal($"找不到文件或目录“{missing}” / no such file or folder: {missing}\n", cli.Rejected("publish", missing));
    }

    [Fact]
    public void Signal_WithCorrelation_ResumesOnlyThatInstance()
    {
        using var cli = WorkflowCli.OnSqlite();
        cli.Ok("publish", cli.WriteFile("flow.json", SignalFlow));
        var lhasa = cli.Run("start", "wait-review").FirstToken;
        var nyingchi = cli.Run("start", "wait-review", "--input", """{"prefecture": "nyingchi"}""").FirstToken;

        Assert.Equal("没有等待信号“review-done”（关联值“shigatse”）的实例\n", cli.Ok("signal", "review-done", "--correlation", "shigatse"));
        Assert.Equal("已唤醒 1 个等待信号“review-done”（关联值“lhasa”）的实例\n",
            cli.Ok("signal", "review-done", "--correlation", "lhasa", "--payload", """{"ok": true}"""));

        using var shown = JsonDocument.Parse(cli.Ok("show", lhasa, "--format", "json"));
        Assert.Equal("completed", shown.RootElement.GetProperty("status").GetString());
        Assert.True(shown.RootElement.GetProperty("variables").GetProperty("review").GetProperty("ok").GetBoolean());
        Assert.Contains("状态    运行中", cli.Ok("show", nyingchi), StringComparison.Ordinal);
    }

    [Fact]
    public void Signal_InvalidPayload_ExitsTwo()
    {
        using var cli = WorkflowCli.OnSqlite();

        var error = cli.Rejected("signal", "review-done", "--payload", "{oops");

        Assert.StartsWith("--payload 不是有效的 JSON：", error, StringComparison.Ordinal);
        Assert.Contains(" / --payload is not valid JSON: ", error, StringComparison.Ordinal);
    }

    [Fact]
    public void SuspendResumeCancel_ChangeStatusAndRefuseWhatTheStatusDoesNotAllow()
    {
        using var cli = WorkflowCli.OnSqlite();
        cli.Ok("publish", cli.WriteFile("flow.json", SignalFlow));
        var id = cli.Run("start", "wait-review").FirstToken;

        Assert.Equal($"{id}  已暂停，当前状态：已暂停\n", cli.Ok("suspend", id));
        Assert.Single(JsonDocument.Parse(cli.Ok("instances", "--status", "suspended", "--format", "json")).RootElement.EnumerateArray());
        var suspendAgain = cli.Run("suspend", id);
        Assert.Equal((1, $"{id}  未改变：实例状态为“已暂停”，只有运行中的实例可以暂停\n"), (suspendAgain.ExitCode, suspendAgain.Output));
        Assert.Equal($"{id}  已恢复运行，当前状态：运行中\n", cli.Ok("resume", id));
        var retry = cli.Run("retry", id);
        Assert.Equal((1, $"{id}  未改变：实例状态为“运行中”，只有故障实例可以重试\n"), (retry.ExitCode, retry.Output));
        Assert.Equal($"{id}  已取消，当前状态：已取消\n", cli.Ok("cancel", id, "--reason", "测试取消"));
        var cancelAgain = cli.Run("cancel", id);
        Assert.Equal((1, $"{id}  未改变：实例状态为“已取消”，已结束的实例不能取消\n"), (cancelAgain.ExitCode, cancelAgain.Output));

        var shown = cli.Ok("show", id);
        Assert.Contains("状态    已取消\n", shown, StringComparison.Ordinal);
        Assert.Matches(" suspended +实例已暂停", shown);
        Assert.Matches(" resumed-instance +实例已恢复运行", shown);
        Assert.Matches(" cancelled +实例已取消：测试取消", shown);
    }

    [Fact]
    public void Start_InputFile_SetsVariables()
    {
        using var cli = WorkflowCli.OnSqlite();
        cli.Ok("publish", cli.WriteFile("flow.json", SignalFlow));
        var input = cli.WriteFile("input.json", """{ "prefecture": "ngari" }""");

        var id = cli.Run("start", "wait-review", "--input-file", input).FirstToken;

        Assert.Contains("  prefecture = \"ngari\"\n", cli.Ok("show", id), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--input", "[1, 2]", "--input 应为 JSON 对象")]
    [InlineData("--input", "{", "--input 不是有效的 JSON")]
    [InlineData("--key", "", "--key 不能为空")]
    public void Start_InvalidOption_ExitsTwo(string option, string value, string expected)
    {
        using var cli = WorkflowCli.OnSqlite();

        Assert.StartsWith(expected, cli.Rejected("start", "wait-review", option, value), StringComparison.Ordinal);
    }

    [Fact]
    public void Start_InputAndInputFile_ExitsTwo()
    {
        using var cli = WorkflowCli.OnSqlite();
        var input = cli.WriteFile("input.json", "{}");

        Assert.Equal("--input 与 --input-file 只能指定一个 / give either --input or --input-file, not both\n",
            cli.Rejected("start", "wait-review", "--input", "{}", "--input-file", input));
    }

    [Fact]
    public void Instances_UnknownStatusOrFormat_ExitsTwo()
    {
        using var cli = WorkflowCli.OnSqlite();

        Assert.Equal("未知的状态“done”，可选：running、completed、faulted、cancelled、suspended / unknown status 'done'; valid: running, completed, faulted, cancelled, suspended\n",
            cli.Rejected("instances", "--status", "done"));
        Assert.Equal("未知的输出格式“xml”，可选：table、json / unknown format 'xml'; valid: table, json\n", cli.Rejected("instances", "--format", "xml"));
    }

    [Fact]
    public void Instances_EmptyStore_SaysSo()
    {
        using var cli = WorkflowCli.OnSqlite();

        Assert.Equal("没有符合条件的实例。\n", cli.Ok("instances"));
    }

    [Theory]
    [InlineData("show", "not-a-guid")]
    [InlineData("cancel", "not-a-guid")]
    [InlineData("retry", "42")]
    public void InstanceCommands_MalformedId_ExitsTwo(string command, string id)
    {
        using var cli = WorkflowCli.OnSqlite();

        Assert.Equal($"实例标识“{id}”无效，应为 GUID / invalid instance id '{id}': expected a GUID\n", cli.Rejected(command, id));
    }

    [Fact]
    public void CompleteTask_DataNotAnObject_ExitsTwo()
    {
        using var cli = WorkflowCli.OnSqlite();

        Assert.StartsWith("--data 应为 JSON 对象", cli.Rejected("complete-task", Guid.NewGuid().ToString(), "--data", "\"text\""), StringComparison.Ordinal);
    }

    [Fact]
    public void Tasks_UnknownParty_ExitsTwo()
    {
        using var cli = WorkflowCli.OnSqlite();

        Assert.Equal("未知单位“火星市” / unknown party '火星市'\n", cli.Rejected("tasks", "--party", "火星市"));
    }

    [Fact]
    public async Task Tasks_PartyRenamedInTheDatabase_FoundByItsNewName()
    {
        using var cli = WorkflowCli.OnSqlite();
        Assert.Equal("没有符合条件的任务。\n", cli.Ok("tasks", "--party", "阿里地区"));
        Assert.Equal("未知单位“阿里市” / unknown party '阿里市'\n", cli.Rejected("tasks", "--party", "阿里市"));

        // 阿里地区 becomes 阿里市 in the database, as the console's 单位与联系人 page stores it.
        var database = new Reduction.Workflows.Persistence.WorkflowDatabase(new Reduction.Workflows.Persistence.WorkflowStorageOptions { SqliteConnectionString = $"Data Source={cli.SqliteFile}" });
        var store = new Reduction.Workflows.Parties.PartyStore(database, Reduction.Domain.Parties.PartyDirectory.LoadDefault());
        await store.SeedAsync();
        await store.AddNameAsync("ngari", new Reduction.Domain.Parties.PartyName("阿里市", "阿里市人民政府", new DateOnly(2026, 7, 1)), "撤地设市", new Reduction.Workflows.Auditing.AuditActor("sysadmin", "epb", null), "test");

        Assert.Equal("没有符合条件的任务。\n", cli.Ok("tasks", "--party", "阿里市"));
    }

    [Fact]
    public void Diff_StoredWithSecondFile_ExitsTwo()
    {
        using var cli = WorkflowCli.OnSqlite();

        Assert.Equal("比较已发布的版本时请给出一个流程标识和 --from / to compare stored versions give one definition id and --from\n",
            cli.Rejected("diff", "a.json", "b.json", "--from", "1"));
    }

    [Fact]
    public void Options_ConnectionAndData_ExitsTwo()
    {
        var result = WorkflowCli.RunRaw("workflows", "instances", "--connection", "Host=x", "--data", "x.db");

        Assert.Equal((2, string.Empty), (result.ExitCode, result.Output));
        Assert.Equal("--connection 与 --data 只能指定一个 / give either --connection or --data, not both\n", result.Error);
    }

    [Fact]
    public void Help_ListsDatabaseCommands()
    {
        var result = WorkflowCli.RunRaw("workflows", "--help");

        foreach (var command in new[] { "publish", "versions", "start", "instances", "show", "signal", "cancel", "suspend", "resume", "retry", "tasks", "complete-task" })
        {
            Assert.Contains($"  {command} ", result.Output, StringComparison.Ordinal);
        }
    }
}
