using System.CommandLine;
using System.Text;
using Reduction.Domain.Assessment.Contract;
using Reduction.Domain.Parties;
using Reduction.Domain.PlanPeriods;

namespace Reduction.Cli.Assess;

/// <summary>`reduction assess`: evaluates assessment cases from a JSON file.</summary>
internal static class AssessCommand
{
    private static readonly string[] Formats = ["json", "table"];

    // Strict: a file in another encoding is rejected rather than read with replacement characters.
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static Command Create()
    {
        // Not Required at parse level: a missing input must exit with InvalidInput like every other input error.
        var input = new Option<string?>("--input", "-i")
        {
            Description = "必填。考核案例文件（UTF-8 JSON，{\"cases\": [...]}） / Required. Assessment cases file (UTF-8 JSON).",
            HelpName = "FILE",
        };
        var format = new Option<string>("--format", "-f")
        {
            Description = "输出格式：json（默认）或 table / Output format: json (default) or table.",
            DefaultValueFactory = _ => "json",
            HelpName = "json|table",
        };
        var planPeriods = new Option<string?>("--plan-periods")
        {
            Description = "规划期文件（格式同 plan-periods import），缺省用随程序发布的规划期 / "
                + "Plan-period file (the plan-periods import format); default: the shipped periods.",
            HelpName = "FILE",
        };
        var command = new Command(
            "assess",
            "按考核办法评定各地市的年度考核结果：任一条件未达标即不合格 / Evaluate assessment cases; any failed criterion fails the year.\n"
            + "退出码 / exit codes: 0 全部案例已评定（不论合格与否） / every case evaluated, whatever the verdicts; "
            + "2 输入无效，标准输出为空 / invalid input, nothing on stdout.")
        {
            input,
            format,
            planPeriods,
        };

        // Stray arguments are invalid input too (exit 2), not a parser usage error (exit 1).
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(parseResult => parseResult.UnmatchedTokens.Count > 0
            ? Reject(parseResult.InvocationConfiguration.Error, new AssessInputError(
                null,
                null,
                null,
                $"无法识别的参数：{string.Join(" ", parseResult.UnmatchedTokens)}",
                $"unrecognized arguments: {string.Join(" ", parseResult.UnmatchedTokens)}"))
            : Run(
                parseResult.GetValue(input),
                parseResult.GetValue(format),
                parseResult.GetValue(planPeriods),
                parseResult.InvocationConfiguration.Output,
                parseResult.InvocationConfiguration.Error));
        return command;
    }

    private static int Run(string? inputPath, string? format, string? planPeriodsPath, TextWriter output, TextWriter error)
    {
        if (!Formats.Contains(format, StringComparer.Ordinal))
        {
            return Reject(error, new AssessInputError(
                null,
                null,
                "--format",
                $"不支持的输出格式“{format}”，可用：json、table",
                $"unsupported format '{format}'; expected json or table"));
        }

        if (string.IsNullOrWhiteSpace(inputPath))
        {
            return Reject(error, new AssessInputError(null, null, "--input", "缺少输入文件", "no input file given"));
        }

        string json;
        try
        {
            json = File.ReadAllText(inputPath, StrictUtf8);
        }
        catch (DecoderFallbackException)
        {
            return Reject(error, new AssessInputError(
                null, null, "--input", $"输入文件“{inputPath}”不是有效的 UTF-8 文本", $"input file '{inputPath}' is not valid UTF-8"));
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            return Reject(error, new AssessInputError(
                null,
                null,
                "--input",
                $"无法读取输入文件“{inputPath}”",
                $"cannot read input file '{inputPath}': {exception.Message}"));
        }

        var periods = PlanPeriodCatalog.LoadDefault();
        if (planPeriodsPath is not null)
        {
            try
            {
                periods = PlanPeriodCatalog.Parse(File.ReadAllText(planPeriodsPath, StrictUtf8));
            }
            catch (Exception exception) when (exception is FormatException or ArgumentException or IOException or UnauthorizedAccessException or NotSupportedException or DecoderFallbackException)
            {
                return Reject(error, new AssessInputError(
                    null,
                    null,
                    "--plan-periods",
                    $"规划期文件“{planPeriodsPath}”无效：{exception.Message}",
                    $"plan-period file '{planPeriodsPath}' is invalid"));
            }
        }

        var input = AssessInputReader.Read(json, periods, PartyDirectory.LoadDefault());
        if (!input.IsValid)
        {
            return Reject(error, [.. input.Errors]);
        }

        var results = input.Cases.Select(c => (c, c.Case.Evaluate(c.Period))).ToArray();

        // Written in one piece so a failure before this point leaves stdout empty.
        output.Write(format == "table" ? AssessTableWriter.Write(results) : AssessJsonWriter.Write(results));
        return 0;
    }

    private static int Reject(TextWriter error, params AssessInputError[] errors)
    {
        error.WriteLine("输入无效，未作评定 / invalid input, nothing was evaluated:");
        foreach (var problem in errors)
        {
            error.WriteLine(problem.Format());
        }

        return CliApp.InvalidInput;
    }
}
