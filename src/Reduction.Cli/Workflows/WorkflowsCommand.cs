using System.CommandLine;

namespace Reduction.Cli.Workflows;

/// <summary>`reduction workflows`: definition files, their schema and the activity registry.</summary>
internal static class WorkflowsCommand
{
    public static Command Create() => new(
        "workflows",
        "流程定义文件、格式与活动类型 / Workflow definition files, their format and the activity types.")
    {
        // Offline commands: files and the registry only.
        ValidateCommand.Create(),
        DiffCommand.Create(),
        ActivitiesCommand.Create(),
        SchemaCommand.Create(),

        // Commands against the workflow store (publish, start, list versions, show an instance with its journal)
        // belong here too; they take the store's connection from the same options as the server.
    };
}
