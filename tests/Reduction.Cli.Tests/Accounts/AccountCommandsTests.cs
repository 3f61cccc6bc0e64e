using Microsoft.Data.Sqlite;

namespace Reduction.Cli.Tests.Accounts;

/// <summary>`reduction users`, `reduction api-keys` and `reduction audit verify` on a temp SQLite file (issue
/// contract: exit codes, the id and the key on stdout, zh-CN and English messages).</summary>
public sealed class AccountCommandsTests : IDisposable
{
    private const string Password = "Lhasa-Officer#2026";
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"reduction-accounts-{Guid.NewGuid():N}.db");

    [Fact]
    public void UsersAdd_ValidAccount_Exit0PrintsTheId_ListShowsItUnderItsPartysName()
    {
        var (code, stdout, stderr) = Run(Password, "users", "add", "zhaxi", "--party", "拉萨市", "--role", "member", "--email", "zhaxi@lhasa.example", "--password-stdin", "--data", _file);
        var (listCode, list, _) = Run(null, "users", "list", "--data", _file);

        Assert.True(code == 0, stderr);
        Assert.True(Guid.TryParse(stdout.Trim(), out _), stdout);
        Assert.Equal(0, listCode);
        Assert.Contains("zhaxi", list, StringComparison.Ordinal);
        Assert.Contains("拉萨市", list, StringComparison.Ordinal);
        Assert.Contains("待改密", list, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("zhaxi", "火星市", "member", Password, "未知单位")]
    [InlineData("zhaxi", "lhasa", "root", Password, "未知角色")]
    [InlineData("zhaxi", "lhasa", "member", "short", "至少 12 个字符")]
    [InlineData("zhaxi", "lhasa", "member", "alllowercaseletters", "至少三类")]
    [InlineData("zhaxi", "lhasa", "member", "Zhaxi-2026-Secret", "不能包含用户名")]
    [InlineData("zhaxi", "lhasa", "operator", Password, "业务操作员须属于生态环境厅")]
    public void UsersAdd_BadInput_Exit2WithChineseAndEnglish(string user, string party, string role, string password, string expected)
    {
        var (code, stdout, stderr) = Run(password, "users", "add", user, "--party", party, "--role", role, "--password-stdin", "--data", _file);

        Assert.Equal(2, code);
        Assert.Empty(stdout);
        Assert.Contains(expected, stderr, StringComparison.Ordinal);
        Assert.Contains(" / ", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void UsersAdd_DuplicateName_Exit2()
    {
        Run(Password, "users", "add", "zhaxi", "--party", "lhasa", "--role", "member", "--password-stdin", "--data", _file);

        var (code, _, stderr) = Run(Password, "users", "add", "zhaxi", "--party", "shigatse", "--role", "member", "--password-stdin", "--data", _file);

        Assert.Equal(2, code);
        Assert.Contains("已存在", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void UsersUnlock_UnknownUser_Exit2_KnownUser_Exit0()
    {
        Run(Password, "users", "add", "zhaxi", "--party", "lhasa", "--role", "member", "--password-stdin", "--data", _file);

        var (unknown, _, unknownErr) = Run(null, "users", "unlock", "nobody", "--data", _file);
        var (known, knownOut, _) = Run(null, "users", "unlock", "zhaxi", "--data", _file);

        Assert.Equal(2, unknown);
        Assert.Contains("不存在", unknownErr, StringComparison.Ordinal);
        Assert.Equal(0, known);
        Assert.Contains("zhaxi", knownOut, StringComparison.Ordinal);
    }

    [Fact]
    public void ApiKeysAdd_PrintsTheKeyOnceAsTheLastLine_UnknownScopeExit2()
    {
        var (code, stdout, stderr) = Run(null, "api-keys", "add", "eia-system", "--scope", "sanctions:read", "--data", _file);
        var (badCode, _, badErr) = Run(null, "api-keys", "add", "other", "--scope", "tasks:write", "--data", _file);
        var (_, list, _) = Run(null, "api-keys", "list", "--data", _file);

        Assert.True(code == 0, stderr);
        var key = stdout.TrimEnd().Split('\n')[^1].Trim();
        Assert.StartsWith("rk_", key, StringComparison.Ordinal);
        Assert.True(key.Length > 40, key);
        Assert.Equal(2, badCode);
        Assert.Contains("未知权限范围", badErr, StringComparison.Ordinal);
        Assert.Contains("eia-system", list, StringComparison.Ordinal);
        Assert.DoesNotContain(key, list, StringComparison.Ordinal);
    }

    [Fact]
    public void AuditVerify_Intact_Exit0_AfterARowIsEdited_Exit1NamingIt()
    {
        Run(Password, "users", "add", "zhaxi", "--party", "lhasa", "--role", "member", "--password-stdin", "--data", _file);
        Run(null, "users", "unlock", "zhaxi", "--data", _file);
        Run(null, "api-keys", "add", "eia-system", "--scope", "sanctions:read", "--data", _file);

        var (intact, intactOut, _) = Run(null, "audit", "verify", "--data", _file);
        using (var connection = new SqliteConnection($"Data Source={_file};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "UPDATE audit_log SET \"User\" = 'someone-else' WHERE \"Sequence\" = 2";
            Assert.Equal(1, command.ExecuteNonQuery());
        }

        var (broken, _, brokenErr) = Run(null, "audit", "verify", "--data", _file);

        Assert.Equal(0, intact);
        Assert.Contains("审计日志完整：3 条", intactOut, StringComparison.Ordinal);
        Assert.Equal(1, broken);
        Assert.Contains("第 2 条", brokenErr, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        foreach (var path in new[] { _file, _file + "-wal", _file + "-shm" })
        {
            File.Delete(path);
        }
    }

    private static (int Code, string Out, string Err) Run(string? stdin, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        using var input = new StringReader(stdin is null ? string.Empty : stdin + "\n");
        var code = CliApp.Run(args, output, error, input);
        return (code, output.ToString(), error.ToString());
    }
}
