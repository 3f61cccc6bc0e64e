using System.CommandLine;
using Reduction.Workflows.Activities;
using Reduction.Workflows.Definitions;

namespace Reduction.Cli.Workflows;

/// <summary>`reduction workflows validate PATH...`: checks definition files as publishing would.</summary>
internal static class ValidateCommand
{
    public static Command Create()
    {
        var paths = new Argument<string[]>("PATH")
        {
            Description = "流程定义文件或目录（目录取其中的 *.json，不含子目录） / Definition files or folders (a folder means its *.json files, not subfolders).",
            Arity = ArgumentArity.OneOrMore,
        };
        var command = new Command(
            "validate",
            "按发布时的规则检查流程定义：有效的文件在标准输出打印“ok  文件”（及警告），无效文件的错误写到标准错误 / "
                + "Check definitions as publishing does: a valid file prints 'ok  FILE' (and its warnings) on stdout, "
                + "an invalid file's findings go to stderr.\n"
                + "退出码 / exit codes: 0 全部有效 / all valid; 2 有无效文件或参数无效 / an invalid file or invalid arguments.")
        {
            paths,
        };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(parseResult => WorkflowsInput.TryRejectUnmatched(parseResult, out var rejected)
            ? rejected
            : Run(parseResult.GetValue(paths) ?? [], parseResult.InvocationConfiguration.Output, parseResult.InvocationConfiguration.Error));
        return command;
    }

    private static int Run(string[] paths, TextWriter output, TextWriter error)
    {
        if (!WorkflowsInput.TryExpandPaths(paths, out var files, out var problem))
        {
            return WorkflowsInput.Invalid(error, problem);
        }

        var validator = new DefinitionValidator(ActivityRegistry.Default);
        var allValid = true;
        foreach (var file in files)
        {
            IReadOnlyList<ValidationMessage> messages;
            try
            {
                messages = validator.ValidateFile(file);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                messages = [new ValidationMessage(file, null, null, $"无法读取文件 / cannot read the file: {e.Message}")];
            }

            if (messages.Any(m => m.IsError))
            {
                allValid = false;
                foreach (var message in messages)
                {
                    error.WriteLine(WorkflowsInput.Format(message));
                }
            }
            else
            {
                output.WriteLine($"ok  {file}");
                foreach (var message in messages)
                {
                    output.WriteLine(WorkflowsInput.Format(message));
                }
            }
        }

        return allValid ? 0 : CliApp.InvalidInput;
    }
}
