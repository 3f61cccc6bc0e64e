using System.Globalization;
using System.Text.Json.Nodes;
using Reduction.Domain.Calendar;
using Reduction.Domain.Parties;
using Reduction.Domain.Sanctions;
using Reduction.Workflows.Activities.Timing;
using Reduction.Workflows.Execution;
using Reduction.Workflows.Notices;
using Reduction.Workflows.Persistence;

namespace Reduction.Workflows.Activities.Sanctions;

[Activity("RecordSanctions", "否决", "实施一票否决",
    "对考核不合格的地市登记否决措施（自公布之日起生效，直至解除），并通知该地市和执行各项措施的单位。")]
public sealed class RecordSanctions : Activity
{
    [Input("地市表达式", Description = "地市标识，如 item.id", UIHint = InputHints.Expression, Required = true)]
    public string Prefecture { get; set; } = "";

    [Input("被考核年度表达式", UIHint = InputHints.Expression, Required = true)]
    public string Year { get; set; } = "year - 1";

    [Input("措施", Description = "eia-suspension、fund-suspension、honours-revocation、awards-bar", UIHint = InputHints.Json)]
    public List<string> Kinds { get; set; } = [.. SanctionKinds.AllCodes];

    [Input("生效日表达式", Description = "公布日（yyyy-MM-dd），默认今天", UIHint = InputHints.Expression)]
    public string? From { get; set; }

    [Input("依据", Description = "留空时为被考核年度所属规划期的考核办法", UIHint = InputHints.Template)]
    public string? Basis { get; set; }

    [Input("通知模板", UIHint = InputHints.NoticeTemplate)]
    public string? NoticeTemplate { get; set; } = "sanction";

    public override async ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var prefectureId = context.Evaluate(Prefecture)?.GetValue<string>() ?? throw new InvalidOperationException("地市为空 / no prefecture");
        var party = context.Parties.FindByName(prefectureId) ?? throw new InvalidOperationException($"未知地市“{prefectureId}”");
        var year = WaitUntil.ToInt(context.Evaluate(Year));
        var from = From is { Length: > 0 }
            ? DateOnly.ParseExact(context.Evaluate(From)!.GetValue<string>()[..10], "yyyy-MM-dd", CultureInfo.InvariantCulture)
            : BeijingTime.DateOf(context.Now);
        var basis = Basis is { Length: > 0 } ? context.Render(Basis) : await DefaultBasisAsync(context, year);
        var name = party.NameOn(from);
        foreach (var code in Kinds)
        {
            var kind = SanctionKinds.Parse(code);
            var key = $"{context.InstanceId:N}:{party.Id}:{code}";
            context.RecordSanction(new SanctionRecord
            {
                Id = Guid.CreateVersion7(),
                IdempotencyKey = key,
                PrefectureId = party.Id,
                Kind = code,
                AssessedYear = year,
                StartsOn = from,
                Basis = basis,
                InstanceId = context.InstanceId,
                CreatedAt = context.Now,
            });
            context.Journal("sanction-started", $"{name.Name}：{SanctionKinds.DisplayName(kind)}，自 {from:yyyy-MM-dd} 起生效", new JsonObject
            {
                ["prefecture"] = party.Id,
                ["kind"] = code,
                ["from"] = from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                ["year"] = year,
            });
            if (NoticeTemplate is { Length: > 0 })
            {
                var model = new JsonObject
                {
                    ["prefecture"] = party.Id,
                    ["prefecture_name"] = name.Name,
                    ["prefecture_issuing_body"] = name.IssuingBody,
                    ["sanction_kind"] = code,
                    ["sanction_name"] = SanctionKinds.DisplayName(kind),
                    ["assessed_year"] = year,
                    ["from"] = from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    ["basis"] = basis,
                };
                context.SendNotice(new NoticeRequest(NoticeTemplate, model, [PartyRoles.ToCode(SanctionKinds.EnforcedBy(kind))], [party.Id], $"{key}:notice"));
            }
        }

        context.Complete();
    }

    /// <summary>The measures of the plan period that covers the assessed year (a 2017 failure is vetoed under the 13th
    /// period's measures, not the 12th's).</summary>
    private static async Task<string> DefaultBasisAsync(ActivityExecutionContext context, int assessedYear) =>
        $"{await NoticeMeasures.TitleAsync(context, assessedYear) ?? "《主要污染物总量减排考核办法》"}：考核不合格实行“一票否决”";
}
