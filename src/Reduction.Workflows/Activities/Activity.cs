using Reduction.Workflows.Execution;

namespace Reduction.Workflows.Activities;

/// <summary>Base of every activity. A fresh instance is created for each execution with its inputs bound,
/// so properties are inputs and nothing else survives between bursts except <see cref="ActivityExecutionContext.State"/>.</summary>
public abstract class Activity
{
    /// <summary>Runs when the activity is reached.</summary>
    public abstract ValueTask ExecuteAsync(ActivityExecutionContext context);

    /// <summary>Runs when one of the activity's bookmarks is resumed (task answer, timer, child completion, signal).</summary>
    public virtual ValueTask ResumeAsync(ActivityExecutionContext context, Resumption resumption) =>
        throw new InvalidOperationException($"activity {context.Node.Id} ({context.Node.Type}) does not resume");
}
