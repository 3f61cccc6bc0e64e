using Microsoft.AspNetCore.Http.HttpResults;
using Reduction.Domain.Parties;
using Reduction.Server.Access;
using Reduction.Server.Answers.Forms;
using Reduction.Workflows.Execution;
using Reduction.Workflows.Persistence;
using Reduction.Workflows.Queries;
using Reduction.Workflows.Tasks;

namespace Reduction.Server.Tasks;

public static class TasksApi
{
    /// <summary>`GET /api/tasks`, `GET /api/tasks/{id}` and `POST /api/tasks/{id}/complete`, scoped by the caller's party.</summary>
    public static IEndpointRouteBuilder MapTasksApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/tasks").RequireAuthorization(AccessPolicies.CycleData);
        api.MapGet("/", ListAsync);
        api.MapGet("/{id}", GetAsync);
        api.MapPost("/{id}/complete", CompleteAsync);
        return app;
    }

    /// <summary>The tasks the caller sees (its party scope), optionally of one instance or one assignee.</summary>
    private static async Task<Ok<List<TaskSummary>>> ListAsync(HttpContext http, TaskQueries tasks, Guid? instance, string? party, CancellationToken cancellationToken) =>
        TypedResults.Ok((await tasks.ListAsync(http.PartyScope(), new TaskFilter(instance, string.IsNullOrEmpty(party) ? null : party), cancellationToken)).Select(TaskSummary.From).ToList());

    /// <summary>404 for a task outside the caller's scope, as for one that does not exist.</summary>
    private static async Task<Results<Ok<TaskDetails>, NotFound<TaskAnswer>>> GetAsync(Guid id, HttpContext http, TaskQueries tasks, CancellationToken cancellationToken)
    {
        if (await tasks.GetAsync(http.PartyScope(), id, cancellationToken) is not { } detail)
        {
            return TypedResults.NotFound(NotFoundAnswer);
        }

        return TypedResults.Ok(TaskDetails.From(detail));
    }

    /// <summary>200 accepted; 400 with the form's field errors when the answer is not one the task page would accept
    /// (nothing stored); 409 when already completed (a repeated click is harmless and told so); 410 when the task was
    /// closed without an answer (cancelled, instance ended); 404 when there is no such task or it is outside the caller's
    /// scope.</summary>
    private static async Task<Results<Ok<TaskAnswer>, Conflict<TaskAnswer>, JsonHttpResult<TaskAnswer>, NotFound<TaskAnswer>, BadRequest<TaskAnswerRejection>, BadRequest<TaskAnswer>>> CompleteAsync(
        Guid id,
        CompleteTaskRequest? request,
        HttpContext http,
        TaskQueries queries,
        InstanceQueries instances,
        TaskService tasks,
        WorkflowRuntime runtime,
        CancellationToken cancellationToken)
    {
        var by = string.IsNullOrWhiteSpace(request?.By) ? http.User.Identity?.Name ?? "admin" : request.By;
        var data = request?.Data ?? [];
        var scope = http.PartyScope();
        if (await queries.FindAsync(scope, id, cancellationToken) is not { } task)
        {
            return TypedResults.NotFound(NotFoundAnswer);
        }

        if (task is { ClosedAt: null, Status: TaskState.Open or TaskState.Overdue })
        {
            // A closed or answered task gets its 409/410 below whatever was posted; an open one only a checked answer.
            // The form check reads the instance's variables as the engine does, whatever the caller may read of it.
            var instance = await instances.GetAsync(PartyScope.Everything, task.InstanceId, cancellationToken);
            var variables = instance?.Variables ?? [];
            var (answer, errors) = TaskAnswerCheck.Check(task.Kind, data, TaskAnswerCheck.ContextOf(task, variables, runtime.Parties, await runtime.PlanPeriods.GetCatalogAsync(cancellationToken)));
            if (answer is null)
            {
                return TypedResults.BadRequest(new TaskAnswerRejection(TaskAnswerCheck.Summary(errors), errors));
            }

            data = answer;
        }

        var result = await tasks.CompleteAsync(id, data, by, cancellationToken);
        return result switch
        {
            TaskActionResult.Accepted => TypedResults.Ok(new TaskAnswer("accepted", "已提交")),
            TaskActionResult.AlreadyCompleted => TypedResults.Conflict(new TaskAnswer("alreadyCompleted", "该任务已提交，无需重复提交")),
            TaskActionResult.Closed => TypedResults.Json(new TaskAnswer("closed", "该任务已关闭，不能再提交"), statusCode: StatusCodes.Status410Gone),
            TaskActionResult.Held => TypedResults.Conflict(new TaskAnswer("held", "该任务所在的流程已暂停，暂不能提交，请稍后再试")),
            TaskActionResult.NotFound => TypedResults.NotFound(NotFoundAnswer),
            _ => TypedResults.BadRequest(new TaskAnswer("invalid", "该任务当前不能提交")),
        };
    }

    private static TaskAnswer NotFoundAnswer => new("notFound", "任务不存在");
}
