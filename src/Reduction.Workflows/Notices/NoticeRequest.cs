using System.Text.Json.Nodes;

namespace Reduction.Workflows.Notices;

/// <summary>The contract between workflows and notice delivery: which template, with what model, to whom,
/// and the idempotency key that makes it one notice (and one Message-ID) however often it is requested.</summary>
/// <param name="TemplateKey">Folder name under templates/, e.g. `task-issued`, `reminder`, `overdue`, `escalation`.</param>
/// <param name="Model">Values the template reads.</param>
/// <param name="RecipientRoles">Role codes (`prefecture`, `epb`, `supervision`, …): every party with the role.</param>
/// <param name="RecipientParties">Party ids addressed directly.</param>
/// <param name="IdempotencyKey">Unique per intended notice, e.g. `{instance}:{task}:reminder:2`.</param>
/// <param name="TaskId">The task the notice is about, if any (its link goes into the notice).</param>
public sealed record NoticeRequest(
    string TemplateKey,
    JsonObject Model,
    IReadOnlyList<string> RecipientRoles,
    IReadOnlyList<string> RecipientParties,
    string IdempotencyKey,
    Guid? TaskId = null);
