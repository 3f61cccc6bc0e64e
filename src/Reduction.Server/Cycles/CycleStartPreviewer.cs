using Microsoft.EntityFrameworkCore;
using Reduction.Notifications.Templates;
using Reduction.Server.Workflows;
using Reduction.Workflows.Execution;
using Reduction.Workflows.Simulation;

namespace Reduction.Server.Cycles;

/// <summary>Before a cycle year is started by hand: what starting it now would do at once. The published definitions
/// run on a throw-away database with the clock at this instant (<see cref="CycleSimulator.PreviewStartAsync"/>), so
/// the figures are those of the real engine, calendar and parties: tasks issued and already overdue, reminders that
/// will not be sent because their moment has passed, escalation steps sent at once (each saying it is late), and the
/// notices by template.</summary>
public sealed class CycleStartPreviewer(WorkflowRuntime runtime, CycleStarter starter, NoticeTemplateStore templates)
{
    /// <summary>At most this many timeline lines are answered (the counts cover them all).</summary>
    public const int MaxEvents = 500;

    public async Task<CycleStartPreviewResponse> PreviewAsync(int year, CancellationToken cancellationToken)
    {
        if (await starter.CheckAsync(year, cancellationToken) is { } problem)
        {
            throw new CycleStartRefusedException(problem);
        }

        var key = CycleStarter.CorrelationKey(year);
        await using (var db = runtime.Database.CreateContext())
        {
            if (await db.Instances.AsNoTracking().Where(i => i.CorrelationKey == key && i.DefinitionId == CycleStarter.DefinitionId)
                .Select(i => new { i.Id, i.CreatedAt }).FirstOrDefaultAsync(cancellationToken) is { } existing)
            {
                return CycleStartPreviewResponse.AlreadyStarted(year, existing.Id, existing.CreatedAt);
            }
        }

        if (await runtime.Definitions.GetDefinitionAsync(CycleStarter.DefinitionId, cancellationToken: cancellationToken) is null)
        {
            throw new CycleStartRefusedException($"流程“{CycleStarter.DefinitionId}”尚未发布");
        }

        var folder = await Rehearsal.PublishedFolderAsync(runtime, cancellationToken);
        try
        {
            var simulator = new CycleSimulator(runtime.Parties, runtime.Calendar);
            var now = runtime.UtcNow();
            var preview = await Rehearsal.Isolated(() => simulator.PreviewStartAsync(year, now, folder, cancellationToken));
            return CycleStartPreviewResponse.From(preview, TemplateName);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private string TemplateName(string key)
    {
        try
        {
            return templates.GetKind(key).DisplayName;
        }
        catch (NoticeTemplateException)
        {
            return key;
        }
    }
}

/// <summary>The year cannot be started (no plan period covers it, or the cycle's workflow is not published).</summary>
public sealed class CycleStartRefusedException(string message) : Exception(message);
