using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Reduction.Identity.Accounts;
using Reduction.Server.Tests.Browser;
using Reduction.Server.Tests.Support;

namespace Reduction.Server.Tests.Console;

/// <summary>A system administrator on the definitions list (`/console/workflows`) in Debian's Chromium at 1280 px:
/// imports a file, is refused a broken one in Chinese, starts a new definition and lands on its designer address,
/// downloads a version; what was stored is then read back through the API. Screenshots:
/// artifacts/test-results/screenshots/console-workflows.png and console-workflow-versions.png.</summary>
public sealed class WorkflowsBrowserTests(ConsoleServer server) : IClassFixture<ConsoleServer>, IAsyncLifetime
{
    private const string Marker = "SECRET-MARKER-5521";

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public async Task InitializeAsync()
    {
        _playwright = await Playwright.CreateAsync();
        _browser = await Chromium.LaunchAsync(_playwright);
    }

    [Fact]
    public async Task DefinitionsList_ImportNewAndExport_StoredAsDraftsReadBackThroughTheApi()
    {
        var admin = await server.AddAccountAsync("system", "epb", [AccountRoles.SystemAdmin]);
        var page = await NewPageAsync();
        await page.GotoAsync(server.Url("/console/signin"));
        await page.FillAsync("#username", admin);
        await page.FillAsync("#password", ConsoleServer.Password);
        await page.ClickAsync("#signin");
        await page.WaitForLoadStateAsync(LoadState.DOMContentLoaded);
        var key = (await page.InnerTextAsync("[data-testid=authenticator-key]")).Replace(" ", string.Empty, StringComparison.Ordinal);
        await page.FillAsync("#code", Totp.Code(key, DateTimeOffset.UtcNow));
        await page.ClickAsync("#enable");
        await page.WaitForSelectorAsync("[data-testid=two-factor-enabled]");

        // The shipped definitions are listed with their version from the file.
        await page.GotoAsync(server.Url("/console/workflows"));
        var shipped = page.Locator("tr[data-workflow='annual-plan']");
        Assert.Contains("v1", await shipped.Locator("[data-column=version]").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("annual-plan.json", await shipped.Locator("[data-column=version]").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(server.Url("/console/workflows/annual-plan"), server.Url(await shipped.Locator("a[data-action=designer]").GetAttributeAsync("href") ?? string.Empty));

        // A file with an id not known yet becomes a new definition that has only a draft.
        var imported = "imported-" + Guid.NewGuid().ToString("N")[..6];
        using var folder = new TempFolder();
        var good = folder.Write($"{imported}.json", Definition(imported, "导入的流程"));
        await page.SetInputFilesAsync("#import-workflow input[name=file]", good);
        await page.ClickAsync("#import-workflow button[type=submit]");
        Assert.Contains(imported, await page.InnerTextAsync("[data-testid=done]"), StringComparison.Ordinal);
        var row = page.Locator($"tr[data-workflow='{imported}']");
        Assert.Contains("未发布", await row.Locator("[data-column=version]").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("有未发布的草稿", await row.Locator("[data-column=draft]").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains(admin, await row.Locator("[data-column=draft]").InnerTextAsync(), StringComparison.Ordinal);

        // A broken file is refused in Chinese without repeating it.
        var broken = folder.Write("broken.json", "{\"id\": \"" + imported + "\", \"" + Marker + "\": ");
        await page.SetInputFilesAsync("#import-workflow input[name=file]", broken);
        await page.ClickAsync("#import-workflow button[type=submit]");
        var refusal = await page.InnerTextAsync("[data-testid=errors]");
        Assert.Contains("不是有效的流程定义 JSON", refusal, StringComparison.Ordinal);
        Assert.DoesNotContain(Marker, await page.ContentAsync(), StringComparison.Ordinal);
        await Chromium.ScreenshotAsync(page, "console-workflows");

        // A file over the limit is refused by its size, unread.
        var large = folder.Write("large.json", "{\"id\": \"" + imported + "\", \"name\": \"" + new string('x', (1024 * 1024) + 10) + Marker + "\"}");
        await page.SetInputFilesAsync("#import-workflow input[name=file]", large);
        await page.ClickAsync("#import-workflow button[type=submit]");
        Assert.Contains("文件过大", await page.InnerTextAsync("[data-testid=errors]"), StringComparison.Ordinal);
        Assert.DoesNotContain(Marker, await page.ContentAsync(), StringComparison.Ordinal);

        // A version downloads as its file.
        var href = await shipped.Locator("a[data-export='1']").GetAttributeAsync("href");
        var export = await page.Context.APIRequest.GetAsync(server.Url(href!));
        Assert.Equal(200, export.Status);
        Assert.Contains("annual-plan-v1.json", export.Headers["content-disposition"], StringComparison.Ordinal);
        Assert.Equal("annual-plan", JsonNode.Parse(await export.TextAsync())!["id"]!.GetValue<string>());

        // The version history of the shipped definition, with its file as the source.
        await shipped.Locator("a[data-action=versions]").ClickAsync();
        await page.WaitForURLAsync(server.Url("/console/workflows/annual-plan/versions"));
        Assert.Contains("文件 annual-plan.json", await page.InnerTextAsync("[data-testid=versions] tr[data-version='1']"), StringComparison.Ordinal);
        await Chromium.ScreenshotAsync(page, "console-workflow-versions");
        await page.GotoAsync(server.Url("/console/workflows/no-such-workflow/versions"));
        Assert.Contains("不存在", await page.InnerTextAsync("[data-testid=errors]"), StringComparison.Ordinal);
        await page.GotoAsync(server.Url("/console/workflows"));

        // A new definition: Start to End, then its designer.
        var fresh = "new-" + Guid.NewGuid().ToString("N")[..6];
        await page.FillAsync("#new-workflow input[name=id]", fresh);
        await page.FillAsync("#new-workflow input[name=name]", "新建的减排流程");
        await page.ClickAsync("#new-workflow button[type=submit]");
        await page.WaitForURLAsync(server.Url($"/console/workflows/{fresh}"));

        // The same id again is refused, and the name is not taken over.
        await page.GotoAsync(server.Url("/console/workflows"));
        await page.FillAsync("#new-workflow input[name=id]", fresh);
        await page.FillAsync("#new-workflow input[name=name]", "重复的标识");
        await page.ClickAsync("#new-workflow button[type=submit]");
        Assert.Contains("已存在", await page.InnerTextAsync("[data-testid=errors]"), StringComparison.Ordinal);
        Assert.Equal(server.Url("/console/workflows"), page.Url);

        // What is stored, through the API with a token of the same administrator.
        using var api = new HttpClient { BaseAddress = server.BaseAddress };
        using var token = await api.PostAsJsonAsync("/api/auth/token", new { username = admin, password = ConsoleServer.Password, otp = Totp.Code(key, DateTimeOffset.UtcNow) });
        Assert.True(token.IsSuccessStatusCode, await token.Content.ReadAsStringAsync());
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", (await token.Content.ReadFromJsonAsync<JsonObject>())!["token"]!.GetValue<string>());
        using var importedDraft = await api.GetAsync(new Uri($"/api/workflows/{imported}/draft", UriKind.Relative));
        using var freshDraft = await api.GetAsync(new Uri($"/api/workflows/{fresh}/draft", UriKind.Relative));
        var list = (await api.GetFromJsonAsync<JsonArray>("/api/workflows"))!;

        Assert.Equal(HttpStatusCode.OK, importedDraft.StatusCode);
        Assert.StartsWith("\"d-", importedDraft.Headers.ETag!.Tag, StringComparison.Ordinal);
        var stored = (await importedDraft.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("导入的流程", stored["name"]!.GetValue<string>());
        Assert.Equal(["start", "pause", "end"], stored["activities"]!.AsArray().Select(a => a!["id"]!.GetValue<string>()));
        var created = (await freshDraft.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("新建的减排流程", created["name"]!.GetValue<string>());
        Assert.Equal(["Start", "End"], created["activities"]!.AsArray().Select(a => a!["type"]!.GetValue<string>()));
        foreach (var id in new[] { imported, fresh })
        {
            var entry = list.Single(w => w!["id"]!.GetValue<string>() == id)!;
            Assert.Equal(0, entry["version"]!.GetValue<int>());
            Assert.Equal(admin, entry["draft"]!["changedBy"]!.GetValue<string>());
            Assert.Contains(await server.AuditAsync(admin, "workflow.create"), e => e.TargetId == id && e.Outcome == "success");
        }

        await page.Context.CloseAsync();
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }

    private async Task<IPage> NewPageAsync()
    {
        var context = await _browser!.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
            Locale = "zh-CN",
            TimezoneId = "Asia/Shanghai",
        });
        return await context.NewPageAsync();
    }

    private static string Definition(string id, string name) => $$"""
        {
          "id": "{{id}}",
          "name": "{{name}}",
          "triggers": [{ "kind": "manual" }],
          "activities": [
            { "id": "start", "type": "Start", "position": { "x": 0, "y": 0 } },
            { "id": "pause", "type": "Delay", "inputs": { "duration": "PT1H" }, "position": { "x": 200, "y": 0 } },
            { "id": "end", "type": "End", "position": { "x": 400, "y": 0 } }
          ],
          "connections": [
            { "from": "start", "outcome": "done", "to": "pause" },
            { "from": "pause", "outcome": "done", "to": "end" }
          ]
        }
        """;
}
