using System.CommandLine;
using Reduction.Workflows.Activities;
using Reduction.Workflows.Definitions;

namespace Reduction.Cli.Workflows;

/// <summary>`reduction workflows schema`: prints the definition files' JSON Schema, generated from the registry.</summary>
internal static class SchemaCommand
{
    public static Command Create()
    {
        var command = new Command(
            "schema",
            "输出流程定义文件的 JSON Schema（draft 2020-12，由活动注册表生成），即 workflows/schema/workflow-definition.schema.json 的内容 / "
                + "Print the definition files' JSON Schema (draft 2020-12, generated from the activity registry): "
                + "the content of workflows/schema/workflow-definition.schema.json.");
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(parseResult =>
        {
            if (WorkflowsInput.TryRejectUnmatched(parseResult, out var rejected))
            {
                return rejected;
            }

            parseResult.InvocationConfiguration.Output.Write(DefinitionSchema.ToJson(ActivityRegistry.Default));
            return 0;
        });
        return command;
    }
}
