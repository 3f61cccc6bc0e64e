using System.CommandLine;

namespace Reduction.Cli.Workflows;

/// <summary>`reduction workflows`: definition files, their schema and the activity registry; publishing, instances
/// and tasks in the workflow store.</summary>
internal static class WorkflowsCommand
{
    public static Command Create() => new(
        "workflows",
        "流程定义文件、格式与活动类型；发布流程、启动和管理实例、办理任务。"
            + "数据库命令的连接取自 --connection、--data（或 --db）或环境变量 REDUCTION_Storage__PostgresConnectionString、"
            + "REDUCTION_Storage__SqliteConnectionString（缺省 SQLite 文件 .data/reduction.db），首次使用时自动建表。"
            + "命令行只登记定时器和通知，由运行服务器的进程按时执行 / "
            + "Workflow definition files, their format and the activity types; publishing, starting and managing instances, answering tasks. "
            + "Database commands connect with --connection, --data (or --db) or REDUCTION_Storage__PostgresConnectionString, "
            + "REDUCTION_Storage__SqliteConnectionString (default: the SQLite file .data/reduction.db), migrating it on first use. "
            + "The command line only enqueues timers and notices; a server process runs them when due.")
    {
        // Offline commands: files and the registry only (diff also compares stored versions).
        ValidateCommand.Create(),
        DiffCommand.Create(),
        ActivitiesCommand.Create(),
        SchemaCommand.Create(),

        // Commands against the workflow store.
        PublishCommand.Create(),
        VersionsCommand.Create(),
        StartCommand.Create(),
        InstancesCommand.Create(),
        ShowCommand.Create(),
        SignalCommand.Create(),
        InstanceActionCommand.Cancel(),
        InstanceActionCommand.Suspend(),
        InstanceActionCommand.Resume(),
        InstanceActionCommand.Retry(),
        TasksCommand.Create(),
        CompleteTaskCommand.Create(),
    };
}
