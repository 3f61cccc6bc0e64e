using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Reduction.Server.Tests.Support;

namespace Reduction.Server.Tests.Operations;

/// <summary>What the notices and sanctions tests share on their <see cref="NoticesServer"/>: the 2016 cycle started once
/// (whichever test comes first) with its plan notices out, the drill clock moved only forward, and a signed-in
/// Chromium page per account.</summary>
internal static class NoticesDrill
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    private const string PlansOut = "2016-02-16T09:00:05+08:00";

    /// <summary>Starts the 2016 cycle (or finds it running) and moves the clock past 09:00 on 16 February, when the plan
    /// tasks go out; returns when the server has tried to deliver all seven (six sent, 林芝市's failed).</summary>
    public static async Task EnsureCycleAsync(NoticesServer server, string operatorUser)
    {
        ArgumentNullException.ThrowIfNull(server);
        using (var api = await server.ApiAsync(operatorUser))
        using (var started = await api.PostAsync(new Uri("/api/cycles/2016/start", UriKind.Relative), null))
        {
            Assert.True(started.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, await started.Content.ReadAsStringAsync());
        }

        await AdvanceAsync(server, operatorUser, PlansOut);
        await server.Mail.WaitForAsync(m => m.Template == "task-issued" && m.Subject.Contains("减排计划", StringComparison.Ordinal), 6, "six plan tasks delivered", Patience);
    }

    /// <summary>Moves the drill clock to <paramref name="to"/> unless it is there already (the clock only moves forward).</summary>
    public static async Task AdvanceAsync(NoticesServer server, string user, string to)
    {
        ArgumentNullException.ThrowIfNull(server);
        using var api = await server.ApiAsync(user);
        var now = DateTimeOffset.Parse((await api.GetFromJsonAsync<JsonObject>(new Uri("/api/clock", UriKind.Relative)))!["now"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
        if (now >= DateTimeOffset.Parse(to, System.Globalization.CultureInfo.InvariantCulture))
        {
            return;
        }

        using var advanced = await api.PostAsJsonAsync("/api/clock/advance", new { to });
        Assert.True(advanced.IsSuccessStatusCode, await advanced.Content.ReadAsStringAsync());
    }

    /// <summary>Submits a form by its button and waits for the page the server answers with (a full request, no script).</summary>
    public static async Task SubmitAsync(IPage page, string action, string path, NoticesServer server)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(server);
        var response = await page.RunAndWaitForResponseAsync(
            () => page.ClickAsync($"[data-action={action}]"),
            r => r.Request.Method == "POST" && r.Url.Contains(path, StringComparison.Ordinal));
        Assert.True(response.Status == 200, $"{action}: {response.Status} {await response.TextAsync()}\n{server.Tail}");
        await page.WaitForLoadStateAsync(LoadState.DOMContentLoaded);
    }

    /// <summary>Reads JSON from the API with a new token (the drill clock outruns tokens).</summary>
    public static async Task<JsonObject> GetAsync(NoticesServer server, string user, string path)
    {
        ArgumentNullException.ThrowIfNull(server);
        using var api = await server.ApiAsync(user);
        using var response = await api.GetAsync(new Uri(path, UriKind.Relative));
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    public static Task<T> EventuallyAsync<T>(Func<Task<T?>> probe, string what)
        where T : class => Eventually.ReturnsAsync(probe, Patience, what);
}
