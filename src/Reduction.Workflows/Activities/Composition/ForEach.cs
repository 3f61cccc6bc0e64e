using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Reduction.Workflows.Execution;

namespace Reduction.Workflows.Activities.Composition;

[Activity("ForEach", "组合", "逐项分派", "为列表中的每一项（如当日有效的各地市）启动一个子流程实例，全部结束后继续。", Waits = true)]
public sealed class ForEach : Activity
{
    [Input("列表表达式", Description = "如 prefectures_on today", UIHint = InputHints.Expression, Required = true)]
    public string Items { get; set; } = "";

    [Input("子流程", UIHint = InputHints.Workflow, Required = true)]
    public string Workflow { get; set; } = "";

    [Input("项变量名", Description = "子流程中保存当前项的变量名", UIHint = InputHints.Text)]
    public string ItemVariable { get; set; } = "item";

    [Input("传递变量", Description = "一并传给子流程的本流程变量名", UIHint = InputHints.Json)]
    public List<string> Pass { get; set; } = [];

    [Input("结果变量", Description = "各子流程结束时的变量列表存入此变量", UIHint = InputHints.Text)]
    public string? OutputVariable { get; set; }

    public override ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var items = context.Evaluate(Items) as JsonArray ?? throw new FormatException($"“{Items}”的结果不是列表 / '{Items}' is not a list");
        context.State["total"] = items.Count;
        context.State["results"] = new JsonObject();
        if (items.Count == 0)
        {
            Finish(context);
            return ValueTask.CompletedTask;
        }

        var bookmark = context.CreateBookmark("child", oneShot: false);
        for (var i = 0; i < items.Count; i++)
        {
            var variables = new JsonObject { [ItemVariable] = items[i]?.DeepClone(), ["item_index"] = i };
            foreach (var name in Pass)
            {
                variables[name] = context.Variables[name]?.DeepClone();
            }

            context.StartChild(Workflow, variables, string.Create(CultureInfo.InvariantCulture, $"{context.EffectKey}:{i}"), bookmark);
        }

        context.Journal("fan-out", $"为 {items.Count} 项各启动一个“{Workflow}”子流程");
        return ValueTask.CompletedTask;
    }

    public override ValueTask ResumeAsync(ActivityExecutionContext context, Resumption resumption)
    {
        var data = resumption.Payload?.AsObject() ?? [];
        var childId = data["childInstanceId"]?.GetValue<string>() ?? resumption.BookmarkId.ToString();
        var results = context.State["results"]!.AsObject();
        if (!results.ContainsKey(childId))
        {
            results[childId] = data.DeepClone();
        }

        var total = context.State["total"]!.GetValue<int>();
        context.Journal("child-completed", $"子流程结束 {results.Count}/{total}");
        if (results.Count >= total)
        {
            Finish(context);
        }

        return ValueTask.CompletedTask;
    }

    private void Finish(ActivityExecutionContext context)
    {
        if (OutputVariable is { Length: > 0 })
        {
            var results = context.State["results"]!.AsObject();
            context.Variables[OutputVariable] = new JsonArray(results
                .OrderBy(r => r.Value?["variables"]?["item_index"]?.GetValue<int>() ?? 0)
                .Select(r => r.Value?["variables"]?.DeepClone())
                .ToArray());
        }

        context.Complete();
    }

    internal static JsonObject RenderObject(ActivityExecutionContext context, JsonElement? value) =>
        value is { ValueKind: JsonValueKind.Object } element ? context.RenderJson(JsonNode.Parse(element.GetRawText()))!.AsObject() : [];
}
