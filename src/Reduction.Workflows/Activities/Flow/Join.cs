using Reduction.Workflows.Execution;

namespace Reduction.Workflows.Activities.Flow;

[Activity("Join", "流程", "汇合",
    "等待进入的分支：all 等到所有仍可能到达的分支都到齐（条件分支未走的一侧不计）、any 任一到达即继续、count 达到指定数量即继续。")]
public sealed class Join : Activity
{
    [Input("方式", UIHint = InputHints.Select, Options = ["all", "any", "count"])]
    public string Mode { get; set; } = "all";

    [Input("数量", Description = "方式为 count 时需到达的分支数", UIHint = InputHints.Number)]
    public int Count { get; set; }

    public override ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var joins = context.InstanceState.Joins;
        if (!joins.TryGetValue(context.Node.Id, out var arrived))
        {
            arrived = [];
            joins[context.Node.Id] = arrived;
        }

        var from = context.ArrivedFrom ?? "?";
        arrived.Add(from);
        var passed = context.State["passed"]?.GetValue<bool>() ?? false;
        context.Journal("join-arrival", $"汇合：第 {arrived.Count} 个分支到达（来自 {from}）");
        if (passed)
        {
            // A late branch after the join already passed (any / count): absorbed, nothing runs again.
            Settle(context, arrived);
            return ValueTask.CompletedTask;
        }

        var reached = Mode switch
        {
            "any" => arrived.Count >= 1,
            "count" => arrived.Count >= Math.Max(1, Count),
            _ => !context.CanStillArrive(),
        };
        if (reached)
        {
            context.State["passed"] = true;
            context.Complete();
            if (!context.CanStillArrive())
            {
                joins.Remove(context.Node.Id);
                context.State.Remove("passed");
            }
        }

        return ValueTask.CompletedTask;
    }

    public override ValueTask ResumeAsync(ActivityExecutionContext context, Resumption resumption)
    {
        var joins = context.InstanceState.Joins;
        if (!joins.TryGetValue(context.Node.Id, out var arrived) || context.CanStillArrive())
        {
            return ValueTask.CompletedTask;
        }

        if (context.State["passed"]?.GetValue<bool>() ?? false)
        {
            Settle(context, arrived);
        }
        else
        {
            context.Journal("join-settled", "其余分支不会再到达，汇合继续");
            joins.Remove(context.Node.Id);
            context.Complete();
        }

        return ValueTask.CompletedTask;
    }

    private static void Settle(ActivityExecutionContext context, List<string> arrived)
    {
        if (!context.CanStillArrive())
        {
            context.InstanceState.Joins.Remove(context.Node.Id);
            context.State.Remove("passed");
        }

        _ = arrived;
        context.Absorb();
    }
}
