namespace Reduction.Workflows.Execution;

/// <summary>Whether a cron trigger may start an instance for an occurrence: rules of the host the runtime does not know
/// (the server refuses cycle years that its cycle-year check would refuse). Without one every occurrence starts.</summary>
public interface ITriggerStartCheck
{
    /// <summary>Null to start the instance; otherwise why not (zh-CN): the occurrence is skipped, logged, and the trigger
    /// waits for its next one.</summary>
    ValueTask<string?> RefusalAsync(TriggeredStart start, CancellationToken cancellationToken = default);
}
