using Reduction.Domain.Parties;
using Reduction.Notifications.Templates;
using Reduction.Server.Access;
using Reduction.Server.Admin;
using Reduction.Workflows.Queries;

namespace Reduction.Server.Notices;

/// <summary>`GET /api/notices?recipient=&amp;subject=&amp;template=&amp;party=&amp;state=&amp;from=&amp;to=&amp;page=` (operators and
/// members, scoped in the query: a prefecture's member sees the notices addressed to its party) and
/// `POST /api/notices/{id}/resend` `{"reason"}` (operators; <see cref="NoticeResender"/>).</summary>
public static class NoticesApi
{
    public const int PageSize = 50;

    public static IEndpointRouteBuilder MapNoticesApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/notices", ListAsync).RequireAuthorization(AccessPolicies.CycleData);
        app.MapPost("/api/notices/{id:guid}/resend", ResendAsync).RequireAuthorization(AccessPolicies.Operator);
        return app;
    }

    private static async Task<IResult> ListAsync(
        string? recipient,
        string? subject,
        string? template,
        string? party,
        string? state,
        string? from,
        string? to,
        int? page,
        HttpContext http,
        NoticeQueries notices,
        PartyDirectory parties,
        NoticeTemplateStore templates,
        CancellationToken cancellationToken)
    {
        var (filter, problem) = NoticeListFilter.Parse(recipient, subject, template, party, state, from, to, parties, templates);
        if (problem is not null)
        {
            return TypedResults.BadRequest(new ApiMessage(problem));
        }

        var number = Math.Max(1, page ?? 1);
        var found = await notices.PageAsync(http.PartyScope(), filter, (number - 1) * PageSize, PageSize, cancellationToken);
        var items = found.Items.Select(n => new NoticeSummary(
            n.Id, n.TemplateKey, NoticeNames.Kind(templates, n.TemplateKey), n.Subject, n.Recipients, n.RecipientParties, n.RecipientRoles,
            NoticeNames.Code(n.Status), n.Attempts, n.LastError, n.CreatedAt, n.NextAttemptAt, n.SentAt, n.TaskId, n.InstanceId)).ToList();
        return TypedResults.Ok(new NoticeList(found.Total, number, PageSize, items));
    }

    private static async Task<IResult> ResendAsync(Guid id, NoticeResendRequest? request, HttpContext http, NoticeResender resender, CancellationToken cancellationToken)
    {
        var outcome = await resender.ResendAsync(id, request?.Reason, http.PartyScope(), http.Actor(), cancellationToken);
        return TypedResults.Json(new ApiMessage(outcome.Message), statusCode: outcome.Status);
    }
}
