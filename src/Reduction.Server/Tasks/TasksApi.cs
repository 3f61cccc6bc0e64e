using Microsoft.AspNetCore.Http.HttpResults;
using Reduction.Server.Admin;
using Reduction.Workflows.Tasks;

namespace Reduction.Server.Tasks;

public static class TasksApi
{
    /// <summary>`GET /api/tasks`, `GET /api/tasks/{id}` and `POST /api/tasks/{id}/complete`, for administrators.</summary>
    public static IEndpointRouteBuilder MapTasksApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/tasks").RequireAuthorization(AdminAuthorization.Policy);
        api.MapGet("/", ListAsync);
        api.MapGet("/{id}", GetAsync);
        api.MapPost("/{id}/complete", CompleteAsync);
        return app;
    }

    private static async Task<Ok<List<TaskSummary>>> ListAsync(TaskService tasks, Guid? instance, string? party, CancellationToken cancellationToken) =>
        TypedResults.Ok((await tasks.ListAsync(instance, string.IsNullOrEmpty(party) ? null : party, cancellationToken)).Select(TaskSummary.From).ToList());

    private static async Task<Results<Ok<TaskDetails>, NotFound<TaskAnswer>>> GetAsync(Guid id, TaskService tasks, CancellationToken cancellationToken)
    {
        if (await tasks.GetAsync(id, cancellationToken) is not { } task)
        {
            return TypedResults.NotFound(NotFoundAnswer);
        }

        var submissions = await tasks.GetSubmissionsAsync(id, cancellationToken);
        return TypedResults.Ok(new TaskDetails(TaskSummary.From(task), submissions.Select(TaskSubmission.From).ToList()));
    }

    /// <summary>200 accepted; 409 when already completed (a repeated click is harmless and told so); 410 when the task
    /// was closed without an answer (cancelled, instance ended); 404 when there is no such task.</summary>
    private static async Task<Results<Ok<TaskAnswer>, Conflict<TaskAnswer>, JsonHttpResult<TaskAnswer>, NotFound<TaskAnswer>, BadRequest<TaskAnswer>>> CompleteAsync(
        Guid id,
        CompleteTaskRequest? request,
        HttpContext http,
        TaskService tasks,
        CancellationToken cancellationToken)
    {
        var by = string.IsNullOrWhiteSpace(request?.By) ? http.User.Identity?.Name ?? "admin" : request.By;
        var result = await tasks.CompleteAsync(id, request?.Data ?? [], by, cancellationToken);
        return result switch
        {
            TaskActionResult.Accepted => TypedResults.Ok(new TaskAnswer("accepted", "已提交")),
            TaskActionResult.AlreadyCompleted => TypedResults.Conflict(new TaskAnswer("alreadyCompleted", "该任务已提交，无需重复提交")),
            TaskActionResult.Closed => TypedResults.Json(new TaskAnswer("closed", "该任务已关闭，不能再提交"), statusCode: StatusCodes.Status410Gone),
            TaskActionResult.NotFound => TypedResults.NotFound(NotFoundAnswer),
            _ => TypedResults.BadRequest(new TaskAnswer("invalid", "该任务当前不能提交")),
        };
    }

    private static TaskAnswer NotFoundAnswer => new("notFound", "任务不存在");
}
