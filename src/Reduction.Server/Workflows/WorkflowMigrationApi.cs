using Reduction.Server.Access;
using Reduction.Server.Admin;
using Reduction.Workflows.Execution;
using Reduction.Workflows.Persistence;
using Reduction.Workflows.VersionMigration;

namespace Reduction.Server.Workflows;

/// <summary>Moving running instances between published versions, for system administrators: a preview that changes
/// nothing, and the move itself behind a typed confirmation. The rules live in <see cref="InstanceMigrator"/>; each
/// moved instance is journaled and audited as `workflow.migrate` in its own transaction.</summary>
public static class WorkflowMigrationApi
{
    /// <summary>What the administrator types to confirm a move.</summary>
    public const string Confirmation = "MIGRATE";

    private const int MaxNameLength = 200;

    public static IEndpointRouteBuilder MapWorkflowMigrationApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/workflows/{id}").RequireAuthorization(AccessPolicies.SystemAdmin);
        api.MapPost("/migrations/preview", PreviewAsync);
        api.MapPost("/migrations", ApplyAsync);
        return app;
    }

    private static async Task<IResult> PreviewAsync(string id, MigrationBody? body, WorkflowRuntime runtime, CancellationToken cancellationToken)
    {
        var (request, error) = ToRequest(id, body, runtime);
        if (request is null)
        {
            return Results.BadRequest(new ApiMessage(error!));
        }

        return await RunAsync(id, runtime, () => runtime.Migrations.PreviewAsync(request, cancellationToken), cancellationToken);
    }

    private static async Task<IResult> ApplyAsync(string id, MigrationBody? body, HttpContext http, WorkflowRuntime runtime, CancellationToken cancellationToken)
    {
        var (request, error) = ToRequest(id, body, runtime);
        if (request is null)
        {
            return Results.BadRequest(new ApiMessage(error!));
        }

        if (!string.Equals(body!.Confirm?.Trim(), Confirmation, StringComparison.Ordinal))
        {
            return Results.BadRequest(new ApiMessage($"迁移会改变运行中实例的版本、期限和定时器：请先预览，再在 confirm 中填写 {Confirmation} 确认。"));
        }

        return await RunAsync(id, runtime, () => runtime.Migrations.ApplyAsync(request, http.Actor(), cancellationToken), cancellationToken);
    }

    private static async Task<IResult> RunAsync(string id, WorkflowRuntime runtime, Func<Task<MigrationReport>> migrate, CancellationToken cancellationToken)
    {
        try
        {
            return Results.Ok(await migrate());
        }
        catch (MigrationRequestException e)
        {
            return Results.BadRequest(new ApiMessage(e.Message));
        }
        catch (WorkflowNotFoundException)
        {
            var known = (await runtime.Definitions.ListVersionsAsync(id, cancellationToken)).Count > 0;
            var name = id.Length > 100 ? id[..100] + "…" : id;
            return Results.NotFound(new ApiMessage(known ? $"流程“{name}”没有所指的已发布版本：请检查 fromVersion 和 toVersion。" : $"流程“{name}”不存在。"));
        }
    }

    /// <summary>The body as a request, or a Chinese refusal that never repeats what was sent.</summary>
    private static (MigrationRequest? Request, string? Error) ToRequest(string id, MigrationBody? body, WorkflowRuntime runtime)
    {
        if (body is null)
        {
            return (null, "请求体应为 JSON，例如 {\"fromVersion\": 1, \"toVersion\": 2, \"instances\": null, \"mapping\": null}。");
        }

        if (body.FromVersion is not { } from || body.ToVersion is not { } to || from < 1 || to < 1)
        {
            return (null, "请用 fromVersion 和 toVersion 指定源版本和目标版本（已发布的版本号，从 1 起）。");
        }

        InstanceStatus? state = null;
        if (body.State is { Length: > 0 } stateText)
        {
            if (!Enum.TryParse<InstanceStatus>(stateText, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed) || char.IsDigit(stateText[0]))
            {
                return (null, "state 应为 running、suspended、faulted、completed 或 cancelled 之一。");
            }

            state = parsed;
        }

        string? party = null;
        if (body.Party is { Length: > 0 } partyText)
        {
            if (partyText.Length > MaxNameLength || runtime.Parties.FindByName(partyText) is not { } found)
            {
                return (null, "party 不是已知单位：请用单位标识（如 lhasa）或名称（如 拉萨市）。");
            }

            party = found.Id;
        }

        var mapping = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (source, target) in body.Mapping ?? [])
        {
            if (source.Length is 0 or > MaxNameLength || target is not { Length: > 0 and <= MaxNameLength })
            {
                return (null, "mapping 应为 {\"源活动标识\": \"目标活动标识\"}，标识不能为空，也不能超过 200 个字符。");
            }

            mapping[source] = target;
        }

        return (new MigrationRequest(id, from, to, body.Instances, mapping, party, state), null);
    }
}
