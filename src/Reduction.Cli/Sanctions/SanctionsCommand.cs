using System.CommandLine;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Reduction.Cli.Workflows;
using Reduction.Domain.Calendar;
using Reduction.Domain.Parties;
using Reduction.Domain.Sanctions;
using Reduction.Workflows.Queries;

namespace Reduction.Cli.Sanctions;

/// <summary>`reduction sanctions list`: the veto sanctions in force on a date, for other systems and officials.</summary>
internal static class SanctionsCommand
{
    private static readonly string[] Formats = ["table", "json"];

    public static Command Create()
    {
        var prefecture = new Option<string?>("--prefecture")
        {
            Description = "地市名称（任一历史名称）或标识；省略时列出全部地市 / Prefecture name (any historical one) or id; all when omitted.",
            HelpName = "NAME",
        };
        var date = new Option<string?>("--date")
        {
            Description = "查询日期（北京时间），默认今天；--all 时忽略 / Date to check (Beijing calendar), default today; ignored with --all.",
            HelpName = "YYYY-MM-DD",
        };
        var all = new Option<bool>("--all") { Description = "列出全部记录（含已解除） / List every record, lifted ones included." };
        var format = new Option<string>("--format")
        {
            Description = "输出格式 / Output format: table (default) or json.",
            DefaultValueFactory = _ => "table",
            HelpName = "table|json",
        };
        var store = new StoreOptions();
        var list = new Command("list", "列出某日仍在执行的一票否决措施 / List the veto sanctions in force on a date. " + StoreCommand.ExitCodes)
        {
            prefecture,
            date,
            all,
            format,
        };
        store.AddTo(list);
        list.SetAction((parseResult, cancellationToken) => StoreCommand.RunAsync(parseResult, store, async workflowStore =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            var error = parseResult.InvocationConfiguration.Error;
            var parties = workflowStore.Parties;
            string? prefectureId = null;
            if (parseResult.GetValue(prefecture) is { } name)
            {
                var party = parties.FindByName(name);
                if (party is null || party.Role != PartyRole.Prefecture)
                {
                    return WorkflowsInput.Invalid(error, $"未知地市“{name}” / unknown prefecture '{name}'");
                }

                prefectureId = party.Id;
            }

            var day = BeijingTime.DateOf(DateTimeOffset.UtcNow);
            if (parseResult.GetValue(date) is { } text && !DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day))
            {
                return WorkflowsInput.Invalid(error, $"日期“{text}”应为 YYYY-MM-DD / date '{text}' must be YYYY-MM-DD");
            }

            var formatValue = parseResult.GetValue(format)!;
            if (!Formats.Contains(formatValue))
            {
                return WorkflowsInput.Invalid(error, $"未知输出格式“{formatValue}” / unknown format '{formatValue}'");
            }

            // The CLI works on the database directly, as the EPB's operator.
            var registry = new SanctionQueries(workflowStore.Database, parties);
            var sanctions = parseResult.GetValue(all)
                ? await registry.AllAsync(PartyScope.Everything, prefectureId, cancellationToken)
                : await registry.InForceAsync(PartyScope.Everything, prefectureId, day, cancellationToken);
            await output.WriteAsync(formatValue == "json" ? Json(sanctions, parties, day) : Table(sanctions, parties, day, parseResult.GetValue(all)));
            return 0;
        }, cancellationToken));
        return new Command("sanctions", "一票否决措施登记簿 / The veto sanctions registry.") { list };
    }

    private static string Json(IReadOnlyList<Sanction> sanctions, PartyDirectory parties, DateOnly day)
    {
        var items = sanctions.Select(s => new Dictionary<string, object?>
        {
            ["prefecture"] = parties.FindById(s.PrefectureId)?.NameOn(day).Name ?? s.PrefectureId,
            ["prefectureId"] = s.PrefectureId,
            ["kind"] = SanctionKinds.ToCode(s.Kind),
            ["assessedYear"] = s.AssessedYear,
            ["from"] = s.StartsOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["until"] = s.EndsOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["basis"] = s.Basis,
        });
        var document = new Dictionary<string, object?> { ["date"] = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), ["sanctions"] = items };
        return JsonSerializer.Serialize(document, new JsonSerializerOptions { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + Environment.NewLine;
    }

    private static string Table(IReadOnlyList<Sanction> sanctions, PartyDirectory parties, DateOnly day, bool all)
    {
        if (sanctions.Count == 0)
        {
            return all ? "没有否决措施记录。" + Environment.NewLine : $"{day:yyyy-MM-dd} 没有正在执行的否决措施。{Environment.NewLine}";
        }

        var lines = sanctions.Select(s =>
            $"{parties.FindById(s.PrefectureId)?.NameOn(day).Name ?? s.PrefectureId}\t{s.AssessedYear}年度\t{SanctionKinds.DisplayName(s.Kind)}\t自 {s.StartsOn:yyyy-MM-dd} {(s.EndsOn is { } end ? $"至 {end:yyyy-MM-dd}" : "起执行中")}");
        return string.Join(Environment.NewLine, lines) + Environment.NewLine;
    }
}
