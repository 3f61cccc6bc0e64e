using System.CommandLine;
using System.Data.Common;
using System.Net.Sockets;
using Reduction.Workflows.Execution;

namespace Reduction.Cli.Workflows;

/// <summary>Runs the body of a command that uses the workflow store: opens (and migrates) the store from the
/// options and the environment, maps unknown ids to exit 2 and an unusable database to exit 3.</summary>
internal static class StoreCommand
{
    /// <summary>Exit code when the request was understood but the current state did not allow it (nothing changed).</summary>
    public const int NotApplied = 1;

    /// <summary>Exit code when the database cannot be reached or used.</summary>
    public const int StoreUnavailable = 3;

    /// <summary>Exit codes of the store commands, for their help text.</summary>
    public const string ExitCodes =
        "退出码 / exit codes: 0 成功 / done; 2 参数无效或标识不存在 / invalid input or unknown id; 3 数据库不可用 / database unavailable.";

    /// <summary>Exit codes of the commands that act on an instance or a task.</summary>
    public const string ActionExitCodes =
        "退出码 / exit codes: 0 成功 / done; 1 当前状态不允许，未改变 / not applied in the current state; "
        + "2 参数无效或标识不存在 / invalid input or unknown id; 3 数据库不可用 / database unavailable.";

    public static async Task<int> RunAsync(ParseResult parseResult, StoreOptions options, Func<WorkflowStore, Task<int>> body, CancellationToken cancellationToken)
    {
        var error = parseResult.InvocationConfiguration.Error;
        if (!options.TryGetConfiguration(parseResult, out var configuration, out var message))
        {
            return WorkflowsInput.Invalid(error, message);
        }

        WorkflowStore store;
        try
        {
            store = await WorkflowStore.OpenAsync(configuration, cancellationToken);
        }
        catch (ArgumentException e)
        {
            return WorkflowsInput.Invalid(error, $"数据库连接字符串无效 / invalid connection string: {e.Message}");
        }
        catch (Exception e) when (IsStoreFailure(e) || e is InvalidOperationException)
        {
            // InvalidOperationException: the database cannot be migrated (e.g. it was written by a newer version).
            return Unavailable(error, e);
        }

        await using (store)
        {
            if (!options.IsGiven(parseResult))
            {
                // Said on stderr, so scripts reading stdout are unaffected: a newcomer sees which database was used.
                error.WriteLine($"数据库 / database: {store.Describe()}（未指定 --connection 或 {options.Data.Name}，取自环境变量或默认 / "
                    + $"no --connection or {options.Data.Name} given: from the environment or the default）");
            }

            try
            {
                return await body(store);
            }
            catch (WorkflowNotFoundException e)
            {
                return WorkflowsInput.Invalid(error, e.Message);
            }
            catch (Exception e) when (IsStoreFailure(e))
            {
                return Unavailable(error, e);
            }
        }
    }

    private static int Unavailable(TextWriter error, Exception e)
    {
        var cause = e is DbException ? e : e.InnerException ?? e;
        error.WriteLine($"无法使用工作流数据库 / the workflow database cannot be used: {cause.Message}");
        return StoreUnavailable;
    }

    private static bool IsStoreFailure(Exception e) =>
        e is DbException or SocketException or TimeoutException or IOException or UnauthorizedAccessException
        || e.InnerException is DbException or SocketException or TimeoutException;
}
