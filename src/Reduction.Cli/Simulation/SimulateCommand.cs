using System.CommandLine;
using System.Globalization;
using Reduction.Domain.Parties;
using Reduction.Notifications.Templates;
using Reduction.Workflows.Definitions;
using Reduction.Workflows.Simulation;

namespace Reduction.Cli.Simulation;

/// <summary>`reduction simulate`: runs the shipped definitions through a whole cycle year on a virtual clock.</summary>
internal static class SimulateCommand
{
    private static readonly string[] Formats = ["json", "table"];

    public static Command Create()
    {
        var year = new Option<string>("--year")
        {
            Description = "考核周期年度（评定上一年度） / Cycle year (assesses the previous year).",
            Required = true,
            HelpName = "YYYY",
        };
        var scenario = new Option<string?>("--scenario")
        {
            Description = "场景文件：各方何时、如何答复（见 docs/simulate.md）；未列出的一个工作日后答复，未列出的地市考核合格 / "
                + "Scenario file: when and how parties answer (docs/simulate.md); anything not listed answers one working day after issue.",
            HelpName = "FILE",
        };
        var format = new Option<string>("--format")
        {
            Description = "输出格式 / Output format: json (default) or table.",
            DefaultValueFactory = _ => "json",
            HelpName = "json|table",
        };
        var workflows = new Option<string?>("--workflows")
        {
            Description = "流程定义目录，默认仓库的 workflows/ / Folder of workflow definitions; defaults to the repository's workflows/.",
            HelpName = "DIR",
        };
        var definition = new Option<string?>("--definition")
        {
            Description = "用此定义文件代替目录中标识相同的流程（如设计器中的草稿），预演修改后的年度 / "
                + "A definition file used instead of the folder's definition with the same id (e.g. a designer draft), to rehearse a change.",
            HelpName = "FILE",
        };
        var parties = PartiesOption.Create();
        var command = new Command(
            "simulate",
            "在虚拟时钟上用真实引擎和随附流程运行一个完整考核年度，输出时间线、考核结果和否决措施 / "
                + "Run a whole cycle year of the shipped workflows on the real engine and a virtual clock; print the timeline, verdicts and sanctions.")
        {
            year,
            scenario,
            format,
            workflows,
            definition,
            parties,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            var error = parseResult.InvocationConfiguration.Error;
            if (!int.TryParse(parseResult.GetValue(year), NumberStyles.None, CultureInfo.InvariantCulture, out var cycleYear) || cycleYear is < 2000 or > 2100)
            {
                return Invalid(error, $"年份“{parseResult.GetValue(year)}”无效 / invalid year '{parseResult.GetValue(year)}'");
            }

            var formatValue = parseResult.GetValue(format)!;
            if (!Formats.Contains(formatValue))
            {
                return Invalid(error, $"未知输出格式“{formatValue}”（json 或 table） / unknown format '{formatValue}' (json or table)");
            }

            var folder = parseResult.GetValue(workflows) ?? FindWorkflowsFolder();
            if (folder is null || !Directory.Exists(folder))
            {
                return Invalid(error, $"找不到流程定义目录“{folder ?? "workflows"}”，请用 --workflows 指定 / workflows folder not found; pass --workflows");
            }

            PartyDirectory directory;
            try
            {
                directory = PartiesOption.Load(parseResult.GetValue(parties));
            }
            catch (Exception e) when (e is FileNotFoundException or FormatException or IOException or UnauthorizedAccessException)
            {
                return Invalid(error, e.Message);
            }

            SimulationScenario parsed;
            try
            {
                var file = parseResult.GetValue(scenario);
                parsed = file is null ? SimulationScenario.Empty : SimulationScenario.Parse(await File.ReadAllTextAsync(file, cancellationToken), directory);
            }
            catch (Exception e) when (e is SimulationScenarioException or IOException or UnauthorizedAccessException)
            {
                return Invalid(error, e is IOException or UnauthorizedAccessException ? $"无法读取场景文件 / cannot read the scenario file: {e.Message}" : e.Message);
            }

            string? replaced = null;
            if (parseResult.GetValue(definition) is { } definitionFile)
            {
                try
                {
                    replaced = await WithDefinitionAsync(folder, definitionFile, cancellationToken);
                }
                catch (Exception e) when (e is DefinitionFormatException or IOException or UnauthorizedAccessException)
                {
                    return Invalid(error, e is DefinitionFormatException ? e.Message : $"无法读取定义文件 / cannot read the definition file: {e.Message}");
                }
            }

            SimulationResult result;
            try
            {
                result = await new CycleSimulator(directory).RunAsync(cycleYear, parsed, replaced ?? folder, cancellationToken);
            }
            catch (SimulationScenarioException e)
            {
                return Invalid(error, e.Message);
            }
            catch (DefinitionValidationException e)
            {
                return Invalid(error, $"定义文件有错误 / the definition has errors: {string.Join("; ", e.Messages.Take(5))}");
            }
            finally
            {
                if (replaced is not null)
                {
                    Directory.Delete(replaced, recursive: true);
                }
            }

            await output.WriteAsync(formatValue == "table" ? SimulationTableWriter.Write(result, directory, NoticeNames(folder)) : SimulationJsonWriter.Write(result, directory));
            return 0;
        });
        return command;
    }

    /// <summary>A temporary copy of the folder with <paramref name="file"/> in place of the definition with its id.</summary>
    /// <exception cref="DefinitionFormatException">The file is not a definition.</exception>
    private static async Task<string> WithDefinitionAsync(string folder, string file, CancellationToken cancellationToken)
    {
        var replacement = DefinitionJson.Parse(await File.ReadAllTextAsync(file, cancellationToken), file);
        var copy = Directory.CreateTempSubdirectory("reduction-simulate-").FullName;
        foreach (var path in Directory.GetFiles(folder, "*.json"))
        {
            var json = await File.ReadAllTextAsync(path, cancellationToken);
            if (!string.Equals(IdOf(json), replacement.Id, StringComparison.Ordinal))
            {
                await File.WriteAllTextAsync(Path.Combine(copy, Path.GetFileName(path)), json, cancellationToken);
            }
        }

        await File.WriteAllTextAsync(Path.Combine(copy, $"{replacement.Id}.replaced.json"), DefinitionJson.Serialize(replacement), cancellationToken);
        return copy;
    }

    private static string? IdOf(string json)
    {
        try
        {
            using var document = System.Text.Json.JsonDocument.Parse(json, new System.Text.Json.JsonDocumentOptions { CommentHandling = System.Text.Json.JsonCommentHandling.Skip, AllowTrailingCommas = true });
            return document.RootElement.ValueKind == System.Text.Json.JsonValueKind.Object && document.RootElement.TryGetProperty("id", out var id) ? id.GetString() : null;
        }
        catch (System.Text.Json.JsonException)
        {
            return null; // left in place: the simulator reports it as it would without the replacement
        }
    }

    private static int Invalid(TextWriter error, string message)
    {
        error.WriteLine(message);
        return CliApp.InvalidInput;
    }

    /// <summary>Notice kinds by their names in the templates folder beside the workflows (else the one the server would
    /// use); without templates, a plain 通知.</summary>
    private static Func<string, string> NoticeNames(string workflowsFolder)
    {
        NoticeTemplateStore? store = null;
        try
        {
            var beside = Path.Combine(Path.GetDirectoryName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(workflowsFolder)))!, "templates");
            store = new NoticeTemplateStore(Directory.Exists(Path.Combine(beside, NoticeTemplateStore.LayoutFolder)) ? beside : NoticeTemplateStore.ResolveFolder(null));
        }
        catch (NoticeTemplateException)
        {
            // Not fatal: the table only loses the kinds' own names.
        }

        return key =>
        {
            try
            {
                return store?.GetKind(key).DisplayName ?? "通知";
            }
            catch (NoticeTemplateException)
            {
                return "通知";
            }
        };
    }

    private static string? FindWorkflowsFolder()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                var candidate = Path.Combine(directory.FullName, "workflows");
                if (File.Exists(Path.Combine(candidate, "annual-cycle.json")))
                {
                    return candidate;
                }
            }
        }

        return null;
    }
}
