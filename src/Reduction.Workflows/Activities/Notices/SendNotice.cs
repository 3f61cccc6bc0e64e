using System.Text.Json;
using System.Text.Json.Nodes;
using Reduction.Workflows.Activities.Composition;
using Reduction.Workflows.Execution;
using Reduction.Workflows.Notices;

namespace Reduction.Workflows.Activities.Notices;

[Activity("SendNotice", "通知", "发送通知", "按模板生成通知，写入发件箱，由投递作业发出（同一幂等键只发一次）。")]
public sealed class SendNotice : Activity
{
    [Input("模板", Description = "templates/ 下的通知种类，如 task-issued、result", UIHint = InputHints.NoticeTemplate, Required = true)]
    public string Template { get; set; } = "";

    [Input("数据", Description = "模板变量（字符串可用 {{ }} 模板）", UIHint = InputHints.Json)]
    public JsonElement? Model { get; set; }

    [Input("数据表达式", Description = "其值（对象）并入模板变量，如 item", UIHint = InputHints.Expression)]
    public string? ModelFrom { get; set; }

    [Input("收件角色", Description = "如 [\"prefecture\", \"epb\"]", UIHint = InputHints.Roles)]
    public List<string> RecipientRoles { get; set; } = [];

    [Input("收件单位", Description = "单位标识列表，字符串可用模板，如 [\"{{ item.id }}\"]", UIHint = InputHints.Parties)]
    public List<string> RecipientParties { get; set; } = [];

    [Input("幂等键模板", Description = "同一键只发一次；默认按实例、活动和执行次数生成", UIHint = InputHints.Template)]
    public string? IdempotencyKey { get; set; }

    public override async ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var model = ForEach.RenderObject(context, Model);
        if (ModelFrom is { Length: > 0 } && context.Evaluate(ModelFrom) is JsonObject extra)
        {
            foreach (var (name, value) in extra)
            {
                model.TryAdd(name, value?.DeepClone());
            }
        }

        await NoticeMeasures.AddTitleAsync(context, model);
        var parties = RecipientParties.Select(context.Render).Where(p => p.Length > 0).ToArray();
        var key = IdempotencyKey is { Length: > 0 } ? context.Render(IdempotencyKey) : $"{context.EffectKey}:notice";
        context.SendNotice(new NoticeRequest(Template, model, RecipientRoles, parties, key));
        context.Complete();
    }

    internal static JsonArray ToJsonArray(IEnumerable<string> values) => new(values.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray());
}
