using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Reduction.Domain.Calendar;
using Reduction.Server.Access;
using Reduction.Server.Admin;
using Reduction.Server.Components.Shared;
using Reduction.Workflows.Persistence;

namespace Reduction.Server.Clock;

public static class ClockApi
{
    /// <summary>`GET /api/clock` (the server's time and clock mode) and `POST /api/clock/advance` (move the drill clock
    /// forward, `{"to": "2015-03-16T00:00:00+08:00"}` or `{"by": "P3D"}`), for administrators.</summary>
    public static IEndpointRouteBuilder MapClockApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/clock").RequireAuthorization(AccessPolicies.Drill);
        api.MapGet("/", Get);
        api.MapPost("/advance", AdvanceAsync);
        return app;
    }

    /// <summary>`drill` on the drill clock, `system` on the real one.</summary>
    public static string ModeOf(TimeProvider time) => time is DrillClock ? ClockAnswer.Drill : ClockAnswer.System;

    private static Ok<ClockAnswer> Get(TimeProvider time) => TypedResults.Ok(ClockAnswer.Of(time));

    private static async Task<Results<Ok<ClockAdvanced>, BadRequest<ApiMessage>, Conflict<ApiMessage>>> AdvanceAsync(
        AdvanceClockRequest? request, TimeProvider time, WorkflowDatabase database, CancellationToken cancellationToken)
    {
        if (time is not DrillClock clock)
        {
            return TypedResults.Conflict(new ApiMessage("本服务器运行在真实时间上，未启用演练时钟（配置 Clock:Start），时间不能调整。"));
        }

        var hasTo = !string.IsNullOrWhiteSpace(request?.To);
        var hasBy = !string.IsNullOrWhiteSpace(request?.By);
        if (hasTo == hasBy)
        {
            return TypedResults.BadRequest(new ApiMessage("请给出 to（目标时刻，如 2015-03-16T00:00:00+08:00）或 by（ISO 8601 时长，如 P3D、PT2H）二者之一。"));
        }

        DateTimeOffset from;
        if (hasTo)
        {
            if (!ClockText.TryParseInstant(request!.To, out var target))
            {
                return TypedResults.BadRequest(new ApiMessage($"“{request.To}”不是 ISO 8601 时刻，应如 2015-03-16T00:00:00+08:00（不带时区的按北京时间）。"));
            }

            try
            {
                from = clock.AdvanceTo(target);
            }
            catch (DrillClockException e)
            {
                return TypedResults.BadRequest(new ApiMessage(
                    $"演练时钟只能向前调：目标时刻 {Format.DateTime(e.Target)} 不晚于当前模拟时间 {Format.DateTime(e.Now)}（北京时间）。"));
            }
            catch (DrillClockLimitException e)
            {
                return TypedResults.BadRequest(TooFar(e));
            }
        }
        else
        {
            if (!ClockText.TryParseDuration(request!.By, out var duration))
            {
                return TypedResults.BadRequest(new ApiMessage($"“{request.By}”不是 ISO 8601 时长，应如 P3D、PT2H、P1DT12H。"));
            }

            try
            {
                from = clock.AdvanceBy(duration);
            }
            catch (ArgumentOutOfRangeException)
            {
                return TypedResults.BadRequest(new ApiMessage($"演练时钟只能向前调：时长“{request.By}”须大于零且不超出可表示的时间。"));
            }
            catch (DrillClockLimitException e)
            {
                return TypedResults.BadRequest(TooFar(e));
            }
        }

        var now = clock.GetUtcNow();
        int due;
        await using (var db = database.CreateContext())
        {
            due = await db.Timers.CountAsync(t => t.Status == TimerStatus.Pending && t.DueAt <= now, cancellationToken);
        }

        return TypedResults.Ok(new ClockAdvanced(ClockAnswer.Drill, BeijingTime.ToBeijing(from), BeijingTime.ToBeijing(now), clock.Speed, due));
    }

    /// <summary>A move past the bound: the clock stays where it was.</summary>
    private static ApiMessage TooFar(DrillClockLimitException e) => new(
        $"演练时钟一次最多向前调 {Days(e.MaxAdvance)}（Clock:MaxAdvance），本次要求 {Days(e.Requested)}，时钟未调整。请分步调，每步等到期的定时器和通知处理完再调下一步。");

    private static string Days(TimeSpan span) => $"{span.TotalDays.ToString("0.##", CultureInfo.InvariantCulture)} 天";
}

/// <summary>Body of `POST /api/clock/advance`: exactly one of <see cref="To"/> (an ISO 8601 instant; without an offset,
/// Beijing time) and <see cref="By"/> (an ISO 8601 duration).</summary>
public sealed record AdvanceClockRequest(string? To, string? By);

/// <summary>The server's clock: <see cref="Mode"/> `drill` or `system`, the time it shows (Beijing offset), and for the
/// drill clock where it started and its speed (virtual seconds per real second).</summary>
public sealed record ClockAnswer(string Mode, DateTimeOffset Now, DateTimeOffset? Start, double Speed)
{
    public const string Drill = "drill";
    public const string System = "system";

    public static ClockAnswer Of(TimeProvider time) => time is DrillClock clock
        ? new ClockAnswer(Drill, BeijingTime.ToBeijing(clock.GetUtcNow()), BeijingTime.ToBeijing(clock.Start), clock.Speed)
        : new ClockAnswer(System, BeijingTime.ToBeijing(time.GetUtcNow()), null, 1);
}

/// <summary>Answer of an advance: the time before (<see cref="From"/>) and after (<see cref="Now"/>), and how many timers
/// are due at the new time (the servers fire them within their polling interval).</summary>
public sealed record ClockAdvanced(string Mode, DateTimeOffset From, DateTimeOffset Now, double Speed, int DueTimers);
