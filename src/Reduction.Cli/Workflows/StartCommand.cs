using System.CommandLine;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Nodes;

namespace Reduction.Cli.Workflows;

/// <summary>`reduction workflows start ID`: starts an instance of the latest published version.</summary>
internal static class StartCommand
{
    public static Command Create()
    {
        var id = new Argument<string>("ID") { Description = "流程标识 / Definition id." };
        var input = new Option<string?>("--input")
        {
            Description = "输入变量（JSON 对象），如 {\"year\": 2016} / Input variables as a JSON object, e.g. {\"year\": 2016}.",
            HelpName = "JSON",
        };
        var inputFile = new Option<string?>("--input-file")
        {
            Description = "从文件读取输入变量（JSON 对象） / Read the input variables (a JSON object) from a file.",
            HelpName = "FILE",
        };
        var key = new Option<string?>("--key")
        {
            Description = "关联键（业务键，唯一），如 annual-cycle:2016；已有该键的实例时不再启动，返回已有实例 / "
                + "Correlation key (unique business key), e.g. annual-cycle:2016; when an instance has it, that instance is returned instead.",
            HelpName = "CORRELATION",
        };
        var store = new StoreOptions();
        var command = new Command(
            "start",
            "启动流程最新发布版本的一个实例，打印实例标识及“已启动”或“已存在”。到期的定时器由运行服务器的进程触发 / "
                + "Start an instance of the latest published version; prints the instance id and 已启动 (started) or 已存在 (already existed). "
                + "Its timers fire where a server runs.\n"
                + StoreCommand.ExitCodes)
        {
            id,
            input,
            inputFile,
            key,
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
            if (!TryReadInput(parseResult.GetValue(input), parseResult.GetValue(inputFile), out var variables, out var message))
            {
                return Task.FromResult(WorkflowsInput.Invalid(error, message));
            }

            var definitionId = parseResult.GetValue(id)!;
            var correlationKey = parseResult.GetValue(key);
            if (correlationKey is { Length: 0 })
            {
                return Task.FromResult(WorkflowsInput.Invalid(error, "--key 不能为空 / --key is empty"));
            }

            return StoreCommand.RunAsync(parseResult, store, async workflows =>
            {
                var started = await workflows.Runtime.StartAsync(definitionId, variables, correlationKey, cancellationToken: cancellationToken);
                parseResult.InvocationConfiguration.Output.WriteLine(started.Created
                    ? $"{started.InstanceId}  已启动"
                    : $"{started.InstanceId}  已存在：关联键“{correlationKey}”已有实例，未再启动");
                return 0;
            }, cancellationToken);
        });
        return command;
    }

    private static bool TryReadInput(string? json, string? file, out JsonObject? variables, [NotNullWhen(false)] out string? message)
    {
        variables = null;
        message = null;
        if (json is not null && file is not null)
        {
            message = "--input 与 --input-file 只能指定一个 / give either --input or --input-file, not both";
            return false;
        }

        if (file is not null)
        {
            if (!File.Exists(file))
            {
                message = $"找不到文件“{file}” / file not found: {file}";
                return false;
            }

            try
            {
                json = File.ReadAllText(file);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                message = $"无法读取“{file}” / cannot read {file}: {e.Message}";
                return false;
            }
        }

        if (json is null)
        {
            return true;
        }

        var ok = WorkflowsInput.TryParseJsonObject(json, file is null ? "--input" : "--input-file", out var parsed, out message);
        variables = parsed;
        return ok;
    }
}
