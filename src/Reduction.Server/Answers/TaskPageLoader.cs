using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Reduction.Domain.Parties;
using Reduction.Notifications.Links;
using Reduction.Server.Answers.Forms;
using Reduction.Workflows.Execution;
using Reduction.Workflows.Persistence;
using Reduction.Workflows.PlanPeriods;
using Reduction.Workflows.Tasks;

namespace Reduction.Server.Answers;

/// <summary>Opens a task link: the token's resolution and, when valid, the task with its revisions and form.</summary>
public sealed class TaskPageLoader(TaskLinkService links, TaskService tasks, WorkflowDatabase database, PartyDirectory parties, PlanPeriodStore planPeriods, TimeProvider time)
{
    public async Task<(TaskLinkResolution Resolution, TaskView? View)> OpenAsync(string token, CancellationToken cancellationToken)
    {
        var resolution = await links.ResolveAsync(token, cancellationToken);
        if (resolution.Status != TaskLinkStatus.Valid || resolution.TaskId is not { } taskId)
        {
            return (resolution, null);
        }

        var task = await tasks.GetAsync(taskId, cancellationToken);
        if (task is null)
        {
            return (TaskLinkResolution.Invalid, null);
        }

        return (resolution, await ViewAsync(token, task, cancellationToken));
    }

    public async Task<TaskView> ViewAsync(string token, TaskRecord task, CancellationToken cancellationToken)
    {
        var submissions = await tasks.GetSubmissionsAsync(task.Id, cancellationToken);
        JsonObject variables;
        await using (var db = database.CreateContext())
        {
            var state = await db.Instances.AsNoTracking().Where(i => i.Id == task.InstanceId).Select(i => i.StateJson).SingleOrDefaultAsync(cancellationToken);
            variables = state is null ? [] : InstanceState.Parse(state).Variables;
        }

        var context = TaskAnswerCheck.ContextOf(task, variables, parties, await planPeriods.GetCatalogAsync(cancellationToken));
        var party = parties.GetById(task.AssigneePartyId);
        return new TaskView(token, task, party, submissions, context, TaskForm.For(task.Kind), time.GetUtcNow());
    }
}
