using System.Globalization;
using System.Text.Json;
using Reduction.Domain.Calendar;
using Reduction.Domain.Parties;
using Reduction.Notifications.Contacts;
using Reduction.Server.Access;
using Reduction.Server.Admin;
using Reduction.Workflows.Parties;

namespace Reduction.Server.Parties;

/// <summary>
/// The parties and contacts: `GET /api/parties` and `GET /api/parties/{id}` (system administrators and operators) give
/// each party as in force (names by date, contacts, signatory, version; one party also with its version history);
/// system administrators add a rename with `POST /api/parties/{id}/names` (`{"name", "issuingBody", "validFrom",
/// "basis", "reason"}`) and replace the contacts with `PUT /api/parties/{id}/contacts` (`{"contacts": [{"name", "email",
/// "admin"}], "signatory": {"name", "title"} | null, "reason"}`; `signatory` left out keeps it). Each change is a new
/// version, audited (the request, and `party.rename` / `party.contacts` / `party.signatory` in the same transaction),
/// in force at once here and within <see cref="PartyStore.RefreshInterval"/> on the other servers.
/// </summary>
public static class PartiesApi
{
    /// <summary>Largest body taken.</summary>
    public const int MaxBytes = 64 * 1024;

    public static IEndpointRouteBuilder MapPartiesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/parties");
        api.MapGet("/", ListAsync).RequireAuthorization(AccessPolicies.PartiesRead);
        api.MapGet("/{id}", GetAsync).RequireAuthorization(AccessPolicies.PartiesRead);
        api.MapPost("/{id}/names", AddNameAsync).RequireAuthorization(AccessPolicies.SystemAdmin);
        api.MapPut("/{id}/contacts", PutContactsAsync).RequireAuthorization(AccessPolicies.SystemAdmin);
        return app;
    }

    private static async Task<IResult> ListAsync(PartyStore store, ContactSource contacts, TimeProvider time, CancellationToken cancellationToken)
    {
        var versions = (await store.ListAsync(cancellationToken)).ToDictionary(v => v.PartyId, StringComparer.Ordinal);
        var directory = TryContacts(contacts);
        var today = BeijingTime.DateOf(time.GetUtcNow());
        return Results.Ok(new Dictionary<string, object?>
        {
            ["parties"] = store.Parties.Parties.Select(p => PartyView.Of(p, store.Parties, directory, versions.GetValueOrDefault(p.Id), today)).ToList(),
        });
    }

    private static async Task<IResult> GetAsync(string id, PartyStore store, ContactSource contacts, TimeProvider time, CancellationToken cancellationToken)
    {
        if (store.Parties.FindByName(id) is not { } party)
        {
            return Unknown(id);
        }

        var history = await store.HistoryAsync(party.Id, cancellationToken);
        var view = PartyView.Of(party, store.Parties, TryContacts(contacts), history.FirstOrDefault(), BeijingTime.DateOf(time.GetUtcNow()));
        view["history"] = history.Select(PartyView.Of).ToList();
        return Results.Ok(view);
    }

    private static async Task<IResult> AddNameAsync(string id, HttpContext http, PartyStore store, CancellationToken cancellationToken)
    {
        if (store.Parties.FindByName(id) is not { } party)
        {
            return Unknown(id);
        }

        var (body, problem) = await ReadAsync(http, cancellationToken);
        if (body is null)
        {
            return problem!;
        }

        var validFromText = Text(body, "validFrom");
        if (!DateOnly.TryParseExact(validFromText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var validFrom))
        {
            return Results.BadRequest(new ApiMessage("validFrom 应为 yyyy-MM-dd 日期（新名称的生效日期）。"));
        }

        var name = new PartyName(Text(body, "name") ?? "", Text(body, "issuingBody") ?? "", validFrom, Text(body, "basis"));
        return await SaveAsync(() => store.AddNameAsync(party.Id, name, Text(body, "reason"), http.Actor(), "api", cancellationToken), party.Id, http);
    }

    private static async Task<IResult> PutContactsAsync(string id, HttpContext http, PartyStore store, CancellationToken cancellationToken)
    {
        if (store.Parties.FindByName(id) is not { } party)
        {
            return Unknown(id);
        }

        var (body, problem) = await ReadAsync(http, cancellationToken);
        if (body is null)
        {
            return problem!;
        }

        if (!body.Value.TryGetProperty("contacts", out var list) || list.ValueKind != JsonValueKind.Array)
        {
            return Results.BadRequest(new ApiMessage("请给出 contacts：联系人数组，每项 {\"name\", \"email\", \"admin\"}。"));
        }

        var contacts = new List<PartyContact>();
        foreach (var item in list.EnumerateArray().Take(PartyContact.MaxPerParty + 1))
        {
            if (item.ValueKind != JsonValueKind.Object)
            {
                return Results.BadRequest(new ApiMessage("contacts 的每一项应为对象 {\"name\", \"email\", \"admin\"}。"));
            }

            contacts.Add(new PartyContact(Text(item, "name"), Text(item, "email") ?? "", item.TryGetProperty("admin", out var admin) && admin.ValueKind == JsonValueKind.True));
        }

        PartySignatory? signatory = null;
        var setSignatory = body.Value.TryGetProperty("signatory", out var signatoryElement);
        if (setSignatory && signatoryElement.ValueKind == JsonValueKind.Object)
        {
            signatory = new PartySignatory(Text(signatoryElement, "name") ?? "", Text(signatoryElement, "title") ?? "");
            if (PartySignatory.Check(signatory) is { } error)
            {
                return Results.BadRequest(new ApiMessage(error));
            }
        }
        else if (setSignatory && signatoryElement.ValueKind != JsonValueKind.Null)
        {
            return Results.BadRequest(new ApiMessage("signatory 应为 {\"name\", \"title\"} 或 null。"));
        }

        var reason = Text(body, "reason");
        if (PartyContact.Check(contacts) is { } contactsError)
        {
            return Results.BadRequest(new ApiMessage(contactsError));
        }

        return await SaveAsync(
            async () =>
            {
                var saved = await store.SetContactsAsync(party.Id, contacts, reason, http.Actor(), "api", cancellationToken);
                return setSignatory && !Equals(signatory, party.Signatory)
                    ? await store.SetSignatoryAsync(party.Id, signatory, reason, http.Actor(), "api", cancellationToken)
                    : saved;
            },
            party.Id,
            http);
    }

    private static async Task<IResult> SaveAsync(Func<Task<PartyVersion>> save, string partyId, HttpContext http)
    {
        try
        {
            var saved = await save();
            var store = http.RequestServices.GetRequiredService<PartyStore>();
            var party = store.Parties.GetById(partyId);
            var view = PartyView.Of(party, store.Parties, TryContacts(http.RequestServices.GetRequiredService<ContactSource>()), saved,
                BeijingTime.DateOf(http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow()));
            view["message"] = PartyView.SavedMessage(saved);
            return Results.Ok(view);
        }
        catch (ArgumentException e)
        {
            return Results.BadRequest(new ApiMessage(e.Message.Split(" (Parameter", 2)[0]));
        }
        catch (KeyNotFoundException e)
        {
            return Results.NotFound(new ApiMessage(e.Message));
        }
    }

    private static ContactDirectory? TryContacts(ContactSource contacts)
    {
        try
        {
            return contacts.Get();
        }
        catch (Exception e) when (e is FormatException or IOException)
        {
            return null;
        }
    }

    private static IResult Unknown(string id) =>
        Results.NotFound(new ApiMessage($"没有单位“{(id.Length <= 40 ? id : id[..40] + "…")}”（应为参与方标识如 ngari，或名称如 阿里地区）。"));

    private static string? Text(JsonElement? element, string property) =>
        element is { ValueKind: JsonValueKind.Object } e && e.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static async Task<(JsonElement? Body, IResult? Problem)> ReadAsync(HttpContext http, CancellationToken cancellationToken)
    {
        if (http.Request.ContentLength > MaxBytes)
        {
            return (null, Results.Json(new ApiMessage("请求体过大（不超过 64 KB）。"), statusCode: StatusCodes.Status413PayloadTooLarge));
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await http.Request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBytes)
            {
                return (null, Results.Json(new ApiMessage("请求体过大（不超过 64 KB）。"), statusCode: StatusCodes.Status413PayloadTooLarge));
            }

            buffer.Write(chunk, 0, read);
        }

        try
        {
            using var document = JsonDocument.Parse(buffer.ToArray());
            return document.RootElement.ValueKind == JsonValueKind.Object
                ? (document.RootElement.Clone(), null)
                : (null, Results.BadRequest(new ApiMessage("请求体应为 JSON 对象。")));
        }
        catch (JsonException)
        {
            return (null, Results.BadRequest(new ApiMessage("请求体不是有效的 JSON。")));
        }
    }
}
