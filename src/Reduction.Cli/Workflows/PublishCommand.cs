using System.CommandLine;
using Reduction.Workflows.Activities;
using Reduction.Workflows.Definitions;

namespace Reduction.Cli.Workflows;

/// <summary>`reduction workflows publish FILE...`: validates every file, then publishes each as a new immutable version.</summary>
internal static class PublishCommand
{
    public static Command Create()
    {
        var paths = new Argument<string[]>("FILE")
        {
            Description = "流程定义文件或目录（目录取其中的 *.json） / Definition files or folders (a folder means its *.json files).",
            Arity = ArgumentArity.OneOrMore,
        };
        var store = new StoreOptions();
        var command = new Command(
            "publish",
            "检查并发布流程定义：每个文件打印“标识 v版本”；内容与最新版本相同时不产生新版本（标明“未变化”）。"
                + "任一文件无效则不发布任何文件，错误写到标准错误。运行中的实例仍按其原版本执行 / "
                + "Validate and publish definitions: prints 'ID vVERSION' per file; content equal to the latest version "
                + "makes no new version (marked unchanged). If any file is invalid nothing is published and the findings go to stderr. "
                + "Running instances stay on their version.\n"
                + StoreCommand.ExitCodes)
        {
            paths,
        };
        store.AddTo(command);
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction((parseResult, cancellationToken) =>
        {
            if (WorkflowsInput.TryRejectUnmatched(parseResult, out var rejected))
            {
                return Task.FromResult(rejected);
            }

            var error = parseResult.InvocationConfiguration.Error;
            if (!WorkflowsInput.TryExpandPaths(parseResult.GetValue(paths) ?? [], out var files, out var message))
            {
                return Task.FromResult(WorkflowsInput.Invalid(error, message));
            }

            if (!TryLoadValid(files, error, out var definitions))
            {
                return Task.FromResult(CliApp.InvalidInput);
            }

            return StoreCommand.RunAsync(parseResult, store, async workflows =>
            {
                var output = parseResult.InvocationConfiguration.Output;
                foreach (var definition in definitions)
                {
                    var previous = (await workflows.Runtime.Definitions.ListVersionsAsync(definition.Id, cancellationToken)).FirstOrDefault(r => r.IsLatest)?.Version;
                    int version;
                    try
                    {
                        version = await workflows.Runtime.Definitions.PublishAsync(definition, cancellationToken);
                    }
                    catch (DefinitionValidationException e)
                    {
                        foreach (var finding in e.Messages)
                        {
                            error.WriteLine(WorkflowsInput.Format(finding));
                        }

                        return CliApp.InvalidInput;
                    }

                    output.WriteLine(version == previous
                        ? $"{definition.Id} v{version}  未变化：与已发布的最新版本相同"
                        : $"{definition.Id} v{version}  已发布：{definition.Name}");
                }

                return 0;
            }, cancellationToken);
        });
        return command;
    }

    /// <summary>Validates every file as publishing does; findings of invalid files (and warnings of valid ones) go to stderr.</summary>
    private static bool TryLoadValid(List<string> files, TextWriter error, out List<WorkflowDefinition> definitions)
    {
        definitions = [];
        var validator = new DefinitionValidator(ActivityRegistry.Default);
        var allValid = true;
        foreach (var file in files)
        {
            IReadOnlyList<ValidationMessage> findings;
            try
            {
                findings = validator.ValidateFile(file);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                findings = [new ValidationMessage(file, null, null, $"无法读取文件 / cannot read the file: {e.Message}")];
            }

            foreach (var finding in findings)
            {
                error.WriteLine(WorkflowsInput.Format(finding));
            }

            if (findings.Any(m => m.IsError))
            {
                allValid = false;
            }
            else if (WorkflowsInput.TryLoad(file, out var definition, out var message))
            {
                definitions.Add(definition);
            }
            else
            {
                error.WriteLine(message);
                allValid = false;
            }
        }

        return allValid;
    }
}
