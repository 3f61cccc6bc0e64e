using System.Globalization;
using System.Text.Json.Nodes;
using Reduction.Domain.Calendar;
using Reduction.Domain.Sanctions;
using Reduction.Workflows.Activities.Timing;
using Reduction.Workflows.Execution;
using Reduction.Workflows.Notices;

namespace Reduction.Workflows.Activities.Sanctions;

[Activity("LiftSanctions", "否决", "解除否决措施", "复核确认问题整改到位后，解除该地市该年度仍在执行的否决措施并通知相关单位。")]
public sealed class LiftSanctions : Activity
{
    [Input("地市表达式", UIHint = InputHints.Expression, Required = true)]
    public string Prefecture { get; set; } = "";

    [Input("被考核年度表达式", UIHint = InputHints.Expression, Required = true)]
    public string Year { get; set; } = "year - 1";

    [Input("解除原因", UIHint = InputHints.Template)]
    public string Reason { get; set; } = "经复核，问题已整改到位";

    [Input("通知模板", UIHint = InputHints.NoticeTemplate)]
    public string? NoticeTemplate { get; set; } = "sanction-lifted";

    public override async ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var prefectureId = context.Evaluate(Prefecture)?.GetValue<string>() ?? throw new InvalidOperationException("地市为空 / no prefecture");
        var party = context.Parties.FindByName(prefectureId) ?? throw new InvalidOperationException($"未知地市“{prefectureId}”");
        var year = WaitUntil.ToInt(context.Evaluate(Year));
        var today = BeijingTime.DateOf(context.Now);
        var reason = context.Render(Reason);
        var lifted = new List<string>();
        foreach (var sanction in await context.LoadSanctionsAsync(party.Id))
        {
            if (sanction.AssessedYear != year || sanction.EndsOn is not null)
            {
                continue;
            }

            sanction.EndsOn = today;
            sanction.LiftReason = reason;
            lifted.Add(sanction.Kind);
            context.Journal("sanction-lifted", $"{party.NameOn(today).Name}：解除{SanctionKinds.DisplayName(SanctionKinds.Parse(sanction.Kind))}", new JsonObject
            {
                ["prefecture"] = party.Id,
                ["kind"] = sanction.Kind,
                ["until"] = today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            });
        }

        if (lifted.Count > 0 && NoticeTemplate is { Length: > 0 })
        {
            var model = new JsonObject
            {
                ["prefecture"] = party.Id,
                ["prefecture_name"] = party.NameOn(today).Name,
                ["assessed_year"] = year,
                ["lifted_on"] = today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                ["sanction_kinds"] = new JsonArray(lifted.Select(k => (JsonNode?)JsonValue.Create(k)).ToArray()),
                ["sanction_names"] = new JsonArray(lifted.Select(k => (JsonNode?)JsonValue.Create(SanctionKinds.DisplayName(SanctionKinds.Parse(k)))).ToArray()),
                ["reason"] = reason,
            };
            context.SendNotice(new NoticeRequest(NoticeTemplate, model, ["epb", "government"], [party.Id], $"{context.EffectKey}:{party.Id}:lifted"));
        }

        context.Complete();
    }
}
