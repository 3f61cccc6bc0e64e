using System.Globalization;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;
using Reduction.Domain.Calendar;
using Reduction.Server.Access;
using Reduction.Server.Admin;
using Reduction.Server.Cycles;
using Reduction.Server.Outbox;
using Reduction.Workflows.Execution;
using Reduction.Workflows.Persistence;

namespace Reduction.Server.Components.Pages.Admin;

/// <summary>Administrator pages (HTTP Basic, like the job dashboard): `/admin` (start a cycle now) and
/// `/admin/outbox` (every notice with its status, recipients, subject and rendered body; a dead letter is resent from its page in the
/// console, `/console/notices/{id}`, with a reason).</summary>
public static class AdminPages
{
    public static IEndpointRouteBuilder MapAdminPages(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/admin").RequireAuthorization(AccessPolicies.Operator);
        admin.MapGet("/", HomeAsync);
        admin.MapPost("/cycles", StartCycleAsync);
        admin.MapGet("/outbox", OutboxAsync);
        admin.MapGet("/outbox/{id:guid}", MessageAsync);
        admin.MapGet("/outbox/{id:guid}/eml", EmlAsync);
        return app;
    }

    private static async Task<RazorComponentResult> HomeAsync(CycleStarter cycles, TimeProvider time, CancellationToken cancellationToken) =>
        HomePage(await cycles.LatestYearAsync(BeijingTime.DateOf(time.GetUtcNow()), cancellationToken), null, isError: false);

    private static async Task<RazorComponentResult> StartCycleAsync(HttpContext http, IAntiforgery antiforgery, CycleStarter cycles, TimeProvider time, CancellationToken cancellationToken)
    {
        var latest = await cycles.LatestYearAsync(BeijingTime.DateOf(time.GetUtcNow()), cancellationToken);
        if (!await antiforgery.IsRequestValidAsync(http))
        {
            return HomePage(latest, "页面已过期，请重新提交。", isError: true, StatusCodes.Status400BadRequest);
        }

        var form = await http.Request.ReadFormAsync(cancellationToken);
        if (!int.TryParse(form["year"], NumberStyles.None, CultureInfo.InvariantCulture, out var year))
        {
            return HomePage(latest, "请填写周期年度，如 2015。", isError: true, StatusCodes.Status400BadRequest);
        }

        if (await cycles.CheckAsync(year, cancellationToken) is { } problem)
        {
            return HomePage(latest, problem, isError: true, StatusCodes.Status400BadRequest);
        }

        try
        {
            var result = await cycles.StartAsync(year, cancellationToken);
            return HomePage(latest, result.Created
                ? $"{year}年度考核周期已启动（实例 {result.InstanceId}）。通知将陆续出现在通知发件箱中。"
                : $"{year}年度考核周期已在运行（实例 {result.InstanceId}），未重复启动。", isError: false, year: year);
        }
        catch (WorkflowNotFoundException)
        {
            return HomePage(latest, $"流程“{CycleStarter.DefinitionId}”尚未发布。", isError: true, StatusCodes.Status409Conflict);
        }
    }

    private static async Task<RazorComponentResult> OutboxAsync(HttpContext http, OutboxReader reader, string? status, CancellationToken cancellationToken)
    {
        NoticeStatus? filter = Enum.TryParse<NoticeStatus>(status, ignoreCase: true, out var parsed) ? parsed : null;
        var entries = await reader.ListAsync(http.PartyScope(), filter, 100, cancellationToken);
        return new RazorComponentResult<OutboxPage>(new Dictionary<string, object?> { [nameof(OutboxPage.Entries)] = entries, [nameof(OutboxPage.Status)] = filter });
    }

    private static async Task<IResult> MessageAsync(Guid id, HttpContext http, OutboxReader reader, CancellationToken cancellationToken) =>
        await reader.GetAsync(http.PartyScope(), id, cancellationToken) is { } entry
            ? new RazorComponentResult<OutboxMessagePage>(new Dictionary<string, object?> { [nameof(OutboxMessagePage.Entry)] = entry })
            : TypedResults.NotFound(new ApiMessage("通知不存在"));

    private static async Task<IResult> EmlAsync(Guid id, HttpContext http, OutboxReader reader, CancellationToken cancellationToken)
    {
        if (await reader.GetAsync(http.PartyScope(), id, cancellationToken) is not { Message: { } message })
        {
            return TypedResults.NotFound(new ApiMessage("通知不存在或无法生成"));
        }

        var buffer = new MemoryStream();
        await message.WriteToAsync(buffer, cancellationToken);
        return TypedResults.File(buffer.ToArray(), "message/rfc822", $"{id}.eml");
    }

    private static RazorComponentResult HomePage(int latest, string? message, bool isError, int statusCode = StatusCodes.Status200OK, int? year = null)
    {
        return new RazorComponentResult<AdminHomePage>(new Dictionary<string, object?>
        {
            [nameof(AdminHomePage.Year)] = year ?? latest,
            [nameof(AdminHomePage.MaxYear)] = latest,
            [nameof(AdminHomePage.Message)] = message,
            [nameof(AdminHomePage.IsError)] = isError,
        })
        { StatusCode = statusCode };
    }
}
