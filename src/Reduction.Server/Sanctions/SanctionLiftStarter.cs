using System.Globalization;
using System.Text.Json.Nodes;
using Reduction.Domain.Calendar;
using Reduction.Domain.Parties;
using Reduction.Server.Admin;
using Reduction.Workflows.Auditing;
using Reduction.Workflows.Execution;
using Reduction.Workflows.Queries;

namespace Reduction.Server.Sanctions;

/// <summary>Starts the `lift-sanctions` workflow for a sanction's prefecture and assessed year, as
/// `POST /api/sanctions/{id}/lift` and the console's sanctions page both do it: refused while a lift for them runs or
/// once the sanction is lifted. The correlation key `lift-sanctions:{prefecture}:{assessed year}:{n}` (n counting the
/// lifts started before) lets two operators' simultaneous starts make one instance; the start is journaled with the
/// reason and note (the instance's input) and audited (`sanction.lift`) in the starting transaction.</summary>
public sealed class SanctionLiftStarter(SanctionQueries sanctions, WorkflowRuntime runtime)
{
    public const string DefinitionId = "lift-sanctions";

    public const int MaxReasonLength = 500;

    public const int MaxNoteLength = 2000;

    /// <summary>201 started; 400 without a reason or note; 404 no such sanction in <paramref name="scope"/>; 409 lifted
    /// already, a lift running, or the workflow not published.</summary>
    public async Task<(ActionOutcome Outcome, Guid? InstanceId)> StartAsync(Guid id, SanctionLiftRequest? request, PartyScope scope, AuditActor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var reason = request?.Reason?.Trim() ?? string.Empty;
        var note = request?.Note?.Trim() ?? string.Empty;
        if (reason.Length == 0 || note.Length == 0)
        {
            return (Bad(reason.Length == 0 ? "请填写启动解除的原因" : "请填写复核意见（整改情况的核查结论）"), null);
        }

        if (reason.Length > MaxReasonLength || note.Length > MaxNoteLength)
        {
            return (Bad($"原因不能超过 {MaxReasonLength} 字，复核意见不能超过 {MaxNoteLength} 字"), null);
        }

        if (await sanctions.GetAsync(scope, id, cancellationToken) is not { } sanction)
        {
            return (new ActionOutcome(StatusCodes.Status404NotFound, "否决措施不存在"), null);
        }

        var name = runtime.Parties.FindById(sanction.PrefectureId)?.NameOn(BeijingTime.DateOf(runtime.UtcNow())).Name ?? sanction.PrefectureId;
        if (sanction.State == SanctionState.Lifted)
        {
            return (Conflict($"该措施已于 {sanction.EndsOn:yyyy-MM-dd} 解除，无需再启动解除流程"), null);
        }

        if (sanction.ActiveLift is { } running)
        {
            return (Conflict($"{name}{sanction.AssessedYear}年度否决措施的解除流程正在办理中（{BeijingTime.DateOf(running.CreatedAt):yyyy-MM-dd} 启动），不能重复启动"), running.InstanceId);
        }

        var year = sanction.AssessedYear + 1;
        var key = $"{DefinitionId}:{sanction.PrefectureId}:{sanction.AssessedYear.ToString(CultureInfo.InvariantCulture)}:{(sanction.Lifts.Count + 1).ToString(CultureInfo.InvariantCulture)}";
        var input = new JsonObject
        {
            ["prefecture"] = sanction.PrefectureId,
            ["year"] = year,
            ["request"] = new JsonObject { ["sanction"] = id.ToString(), ["reason"] = reason, ["note"] = note, ["by"] = actor.User },
        };
        StartResult started;
        try
        {
            using (AuditScope.Record(actor.Entry("sanction.lift", "sanction", id.ToString(), detail: $"{sanction.PrefectureId} {sanction.AssessedYear}: {reason}")))
            {
                started = await runtime.StartAsync(DefinitionId, input, key, cancellationToken: cancellationToken);
            }
        }
        catch (WorkflowNotFoundException)
        {
            return (Conflict($"流程“{DefinitionId}”尚未发布，无法启动解除"), null);
        }

        return started.Created
            ? (new ActionOutcome(StatusCodes.Status201Created, $"已启动{name}{sanction.AssessedYear}年度否决措施的解除流程：区环境保护厅复核确认整改到位后解除"), started.InstanceId)
            : (Conflict($"{name}{sanction.AssessedYear}年度否决措施的解除流程刚由他人启动，不能重复启动"), started.InstanceId);
    }

    private static ActionOutcome Bad(string message) => new(StatusCodes.Status400BadRequest, message);

    private static ActionOutcome Conflict(string message) => new(StatusCodes.Status409Conflict, message);
}
