using System.Text.Json;
using System.Text.Json.Nodes;
using Reduction.Workflows.Execution;

namespace Reduction.Workflows.Activities.Flow;

[Activity("SetVariable", "流程", "设置变量", "把表达式的值（或固定 JSON 值）写入实例变量。")]
public sealed class SetVariable : Activity
{
    [Input("变量名", UIHint = InputHints.Text, Required = true)]
    public string Name { get; set; } = "";

    [Input("值表达式", Description = "Scriban 表达式，例如 year - 1", UIHint = InputHints.Expression)]
    public string? Expression { get; set; }

    [Input("固定值", Description = "不需计算时直接给出 JSON 值", UIHint = InputHints.Json)]
    public JsonElement? Value { get; set; }

    public override ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        JsonNode? value = Expression is { Length: > 0 } ? context.Evaluate(Expression) : Value is { } v ? JsonNode.Parse(v.GetRawText()) : null;
        context.Variables[Name] = value;
        context.Journal("variable-set", $"变量 {Name} = {value?.ToJsonString() ?? "null"}");
        context.Complete();
        return ValueTask.CompletedTask;
    }
}
