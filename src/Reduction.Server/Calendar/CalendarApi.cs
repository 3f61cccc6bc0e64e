using System.Globalization;
using System.Text;
using Reduction.Domain.Calendar;
using Reduction.Domain.Parties;
using Reduction.Server.Access;
using Reduction.Server.Admin;
using Reduction.Server.Workflows.Design;
using Reduction.Workflows.Calendar;
using Reduction.Workflows.Persistence;

namespace Reduction.Server.Calendar;

/// <summary>
/// The calendar arrangements: `GET /api/calendar/{year}?party=` (anyone signed in with an account) gives every date of
/// the year with working or not and the layer that decided; `GET /api/calendar/deadline?rule=&amp;anchor=&amp;party=` resolves a
/// deadline rule as tasks do; system administrators save a year with `PUT /api/calendar/national/{year}`,
/// `PUT /api/calendar/regional/{year}` and `PUT /api/calendar/parties/{party}/{year}` (body: `{"holidays": {date: name},
/// "workdays": {date: name}, "source"}`; the year is replaced whole) and import a data file with
/// `POST /api/calendar/import?layer=national|regional|prefecture&amp;party=`. Changes are audited (the request, and
/// `calendar.save` / `calendar.import` in the same transaction) and apply at once.
/// </summary>
public static class CalendarApi
{
    public static IEndpointRouteBuilder MapCalendarApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/calendar");
        api.MapGet("/deadline", DeadlineAsync).RequireAuthorization(AccessPolicies.ReferenceRead);
        api.MapGet("/{year}", GetAsync).RequireAuthorization(AccessPolicies.ReferenceRead);
        api.MapPut("/national/{year}", (string year, HttpContext http, CalendarStore store, CancellationToken ct) => PutAsync(CalendarLayerKind.National, null, year, http, store, ct))
            .RequireAuthorization(AccessPolicies.SystemAdmin);
        api.MapPut("/regional/{year}", (string year, HttpContext http, CalendarStore store, CancellationToken ct) => PutAsync(CalendarLayerKind.Regional, null, year, http, store, ct))
            .RequireAuthorization(AccessPolicies.SystemAdmin);
        api.MapPut("/parties/{party}/{year}", (string party, string year, HttpContext http, CalendarStore store, CancellationToken ct) => PutAsync(CalendarLayerKind.Prefecture, party, year, http, store, ct))
            .RequireAuthorization(AccessPolicies.SystemAdmin);
        api.MapPost("/import", ImportAsync).RequireAuthorization(AccessPolicies.SystemAdmin);
        return app;
    }

    private static async Task<IResult> GetAsync(string year, string? party, CalendarStore store, PartyDirectory parties, CancellationToken cancellationToken)
    {
        if (ParseYear(year) is not { } y)
        {
            return BadYear();
        }

        Party? found = null;
        if (!string.IsNullOrWhiteSpace(party) && (found = parties.FindByName(party)) is null)
        {
            return Results.BadRequest(new ApiMessage(UnknownParty(party)));
        }

        return Results.Ok(await CalendarYearView.BuildAsync(store, y, found, cancellationToken));
    }

    private static IResult DeadlineAsync(string? rule, string? anchor, string? year, string? party, CalendarStore store, PartyDirectory parties)
    {
        DateOnly? anchorDate = null;
        if (!string.IsNullOrWhiteSpace(anchor))
        {
            if (!DateOnly.TryParseExact(anchor, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
            {
                return Results.BadRequest(new ApiMessage("anchor 应为 yyyy-MM-dd 日期（起算日）。"));
            }

            anchorDate = parsed;
        }

        int y;
        if (!string.IsNullOrWhiteSpace(year))
        {
            if (ParseYear(year) is not { } given)
            {
                return BadYear();
            }

            y = given;
        }
        else if (anchorDate is { } a)
        {
            y = a.Year;
        }
        else
        {
            return Results.BadRequest(new ApiMessage("请给出 year（年度）或 anchor（起算日）。"));
        }

        Party? found = null;
        if (!string.IsNullOrWhiteSpace(party) && (found = parties.FindByName(party)) is null)
        {
            return Results.BadRequest(new ApiMessage(UnknownParty(party)));
        }

        var key = CalendarYearView.KeyOf(found);
        if (!DeadlinePreview.TryResolve(rule, y, anchorDate, key, store.Calendar, out var deadline, out var error))
        {
            return Results.BadRequest(new ApiMessage(error.Length <= 300 ? error : error[..300]));
        }

        int? workingDays = null;
        if (anchorDate is { } from && from < deadline.DueDate)
        {
            try
            {
                workingDays = store.Calendar.CountWorkingDays(from.AddDays(1), deadline.DueDate, key);
            }
            catch (CalendarDataMissingException e)
            {
                return Results.BadRequest(new ApiMessage(CalendarYearView.MissingMessage(e.Year ?? y)));
            }
        }

        return Results.Ok(new Dictionary<string, object?>
        {
            ["rule"] = rule!.Trim(),
            ["year"] = y,
            ["anchor"] = anchorDate is { } at ? CalendarYearView.Text(at) : null,
            ["party"] = found?.Id,
            ["calendarKey"] = key,
            ["due"] = CalendarYearView.Text(deadline.DueDate),
            ["dueAt"] = deadline.DueInstant,
            ["workingDaysAfterAnchor"] = workingDays,
        });
    }

    private static async Task<IResult> PutAsync(CalendarLayerKind layer, string? party, string year, HttpContext http, CalendarStore store, CancellationToken cancellationToken)
    {
        if (ParseYear(year) is not { } y)
        {
            return BadYear();
        }

        if (layer == CalendarLayerKind.Prefecture)
        {
            party = ResolveParty(party, http.RequestServices.GetRequiredService<PartyDirectory>());
        }

        if (store.CheckKey(layer, party) is { } keyError)
        {
            return Results.BadRequest(new ApiMessage(keyError));
        }

        var (text, tooLarge) = await ReadAsync(http.Request, cancellationToken);
        if (tooLarge)
        {
            return Results.Json(new ApiMessage(CalendarInput.TooLarge), statusCode: StatusCodes.Status413PayloadTooLarge);
        }

        var (arrangement, source, error) = CalendarInput.ParseYear(text!, y);
        if (arrangement is null)
        {
            return Results.BadRequest(new ApiMessage(error!));
        }

        try
        {
            var saved = await store.SaveAsync(layer, party, arrangement, source, http.Actor(), "api", cancellationToken);
            return Results.Ok(Saved([saved]));
        }
        catch (ArgumentException e)
        {
            return Results.BadRequest(new ApiMessage(CalendarInput.Chinese(e.Message)));
        }
    }

    private static async Task<IResult> ImportAsync(string? layer, string? party, HttpContext http, CalendarStore store, PartyDirectory parties, CancellationToken cancellationToken)
    {
        if (ParseLayer(layer) is not { } kind)
        {
            return Results.BadRequest(new ApiMessage("layer 应为 national（国家）、regional（全区）或 prefecture（地市，需 party）。"));
        }

        if (kind == CalendarLayerKind.Prefecture)
        {
            party = ResolveParty(party, parties);
        }
        else if (!string.IsNullOrWhiteSpace(party))
        {
            return Results.BadRequest(new ApiMessage("国家和全区安排不属于某个地市，不应指定 party（地市安排请用 layer=prefecture）。"));
        }

        if (store.CheckKey(kind, party) is { } keyError)
        {
            return Results.BadRequest(new ApiMessage(keyError));
        }

        var (bytes, tooLarge) = await ReadBytesAsync(http.Request, cancellationToken);
        if (tooLarge)
        {
            return Results.Json(new ApiMessage(CalendarInput.TooLarge), statusCode: StatusCodes.Status413PayloadTooLarge);
        }

        // The JSON data file, or the same as an Excel workbook (CalendarWorkbook).
        var (file, error) = CalendarWorkbook.ParseUpload(bytes!);
        if (file is null)
        {
            return Results.BadRequest(new ApiMessage(error!));
        }

        try
        {
            var saved = await store.ImportAsync(kind, party, file, http.Actor(), "import", cancellationToken);
            return Results.Ok(Saved(saved));
        }
        catch (ArgumentException e)
        {
            return Results.BadRequest(new ApiMessage(CalendarInput.Chinese(e.Message)));
        }
    }

    /// <summary>The layer named on the wire; national when not given.</summary>
    public static CalendarLayerKind? ParseLayer(string? layer) => (layer ?? "national").Trim().ToLowerInvariant() switch
    {
        "national" => CalendarLayerKind.National,
        "regional" => CalendarLayerKind.Regional,
        "prefecture" or "party" => CalendarLayerKind.Prefecture,
        _ => null,
    };

    private static Dictionary<string, object?> Saved(IReadOnlyList<CalendarSaveResult> results) => new()
    {
        ["saved"] = results.Select(r => new Dictionary<string, object?>
        {
            ["layer"] = CalendarStore.Wire(r.Layer),
            ["party"] = r.CalendarKey,
            ["year"] = r.Year,
            ["version"] = r.Version,
            ["changed"] = r.Changed,
        }).ToList(),
        ["message"] = string.Create(CultureInfo.InvariantCulture, $"已保存 {results.Count(r => r.Changed)} 个年度，{results.Count(r => !r.Changed)} 个年度未变，已即时生效。"),
    };

    /// <summary>A party given by id or by any of its names (拉萨市) becomes its id; anything else stays for the check to refuse.</summary>
    private static string? ResolveParty(string? party, PartyDirectory parties) =>
        string.IsNullOrWhiteSpace(party) ? party : parties.FindByName(party)?.Id ?? party;

    private static int? ParseYear(string text) =>
        text.Length == 4 && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var year) && CalendarStore.CheckYear(year) is null ? year : null;

    private static IResult BadYear() =>
        Results.BadRequest(new ApiMessage(string.Create(CultureInfo.InvariantCulture, $"年份应为 {CalendarStore.FirstYear} 至 {CalendarStore.LastYear} 之间的四位数字。")));

    private static string UnknownParty(string party) => $"未知的单位“{(party.Length <= 40 ? party : party[..40] + "…")}”（应为参与方标识如 lhasa，或名称如 拉萨市）。";

    private static async Task<(string? Text, bool TooLarge)> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var (bytes, tooLarge) = await ReadBytesAsync(request, cancellationToken);
        if (bytes is null)
        {
            return (null, tooLarge);
        }

        using var reader = new StreamReader(new MemoryStream(bytes), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return (await reader.ReadToEndAsync(cancellationToken), false);
    }

    private static async Task<(byte[]? Bytes, bool TooLarge)> ReadBytesAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > CalendarInput.MaxBytes)
        {
            return (null, true);
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > CalendarInput.MaxBytes)
            {
                return (null, true);
            }

            buffer.Write(chunk, 0, read);
        }

        return (buffer.ToArray(), false);
    }
}
