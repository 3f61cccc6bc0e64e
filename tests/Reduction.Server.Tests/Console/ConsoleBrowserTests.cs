using System.Net;
using System.Text;
using Microsoft.Playwright;
using Reduction.Identity.Accounts;
using Reduction.Server.Tests.Browser;
using Reduction.Server.Tests.Support;

namespace Reduction.Server.Tests.Console;

/// <summary>People signing in to the console in Debian's Chromium: each role sees its own navigation and is refused
/// the others' pages, lockout, two factors, the first password change, the idle time-out, the accounts, keys and audit
/// pages. Screenshots go to artifacts/test-results/screenshots/console-*.png.</summary>
public sealed class ConsoleBrowserTests(ConsoleServer server) : IClassFixture<ConsoleServer>, IAsyncLifetime
{
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public static TheoryData<string, string, string[], string[], string> Roles => new()
    {
        { AccountRoles.SystemAdmin, "epb", ["首页", "年度总览", "工作流", "日历", "参考数据", "单位与联系人", "作业面板"], ["/console/accounts", "/console/audit", "/console/tasks"], "/console/workflows" },
        { AccountRoles.SecurityAdmin, "epb", ["首页", "账户", "API 密钥"], ["/console/workflows", "/console/audit", "/console/instances"], "/console/accounts" },
        { AccountRoles.AuditAdmin, "epb", ["首页", "审计日志"], ["/console/accounts", "/console/api-keys", "/console/reference-data", "/console/calendar"], "/console/audit" },
        { AccountRoles.Operator, "epb", ["首页", "年度总览", "启动周期", "实例", "任务", "通知", "否决措施", "图表", "排放台账", "减排目标", "重点项目", "单位与联系人"], ["/console/accounts", "/console/audit", "/console/workflows"], "/console/tasks" },
        { AccountRoles.Member, "lhasa", ["首页", "年度总览", "我的任务", "本单位通知", "否决措施", "图表", "排放台账", "减排目标", "重点项目"], ["/console/instances", "/console/accounts", "/console/audit", "/console/reference-data/parties"], "/console/my-tasks" },
    };

    public async Task InitializeAsync()
    {
        _playwright = await Playwright.CreateAsync();
        _browser = await Chromium.LaunchAsync(_playwright);
    }

    [Theory]
    [MemberData(nameof(Roles))]
    public async Task Navigation_EachRole_ShowsOnlyItsEntriesAndRefusesTheOthers(string role, string party, string[] entries, string[] refused, string own)
    {
        var user = await server.AddAccountAsync(role.Replace("-admin", string.Empty, StringComparison.Ordinal), party, [role]);
        var page = await NewPageAsync();
        await SignInAsync(page, user);
        if (AccountRoles.Administrators.Contains(role))
        {
            // Two factors are required for administrators: the first sign-in leads to the enrolment and nowhere else.
            Assert.EndsWith("/console/account/two-factor", page.Url, StringComparison.Ordinal);
            await page.GotoAsync(server.Url("/console"));
            Assert.EndsWith("/console/account/two-factor", page.Url, StringComparison.Ordinal);
            await EnrolAsync(page);
            await page.GotoAsync(server.Url("/console"));
        }

        Assert.EndsWith("/console", page.Url, StringComparison.Ordinal);
        var shown = (await page.Locator("#console-nav a").AllInnerTextsAsync()).Select(t => t.Trim()).ToArray();
        Assert.Equal(entries, shown);
        Assert.Contains(AccountRoles.DisplayName(role), await page.InnerTextAsync("[data-testid=roles]"), StringComparison.Ordinal);
        await Chromium.ScreenshotAsync(page, $"console-home-{role}");

        var mine = await page.GotoAsync(server.Url(own));
        Assert.Equal((int)HttpStatusCode.OK, mine!.Status);
        foreach (var path in refused)
        {
            var response = await page.GotoAsync(server.Url(path));
            Assert.Equal((int)HttpStatusCode.Forbidden, response!.Status);
            Assert.Contains("无权访问", await page.InnerTextAsync("[data-testid=status]"), StringComparison.Ordinal);
        }

        var unknown = await page.GotoAsync(server.Url("/console/no-such-page"));
        Assert.Equal((int)HttpStatusCode.NotFound, unknown!.Status);
        Assert.Contains("页面不存在", await page.InnerTextAsync("[data-testid=status]"), StringComparison.Ordinal);
        await page.Context.CloseAsync();

        // What the browser did is on record: the sign-in (and, for administrators, the enrolment), and the chain holds.
        var recorded = await server.AuditAsync(user);
        Assert.Single(recorded, e => e.Action == "signin.success");
        Assert.Equal(AccountRoles.Administrators.Contains(role) ? 1 : 0, recorded.Count(e => e.Action == "account.two-factor-enable"));
        Assert.All(recorded, e => Assert.Equal(party, e.Party));
        Assert.True((await server.VerifyAuditAsync()).Intact);
    }

    [Fact]
    public async Task Console_NotSignedIn_RedirectsToSignInWithTheLocalReturnUrl()
    {
        var page = await NewPageAsync();
        await page.GotoAsync(server.Url("/console/audit?user=x"));
        Assert.StartsWith(server.Url("/console/signin?returnUrl="), page.Url, StringComparison.Ordinal);
        Assert.Contains(Uri.EscapeDataString("/console/audit?user=x"), page.Url, StringComparison.Ordinal);

        // A return address on another site is not followed after sign-in.
        var user = await server.AddAccountAsync("member", "lhasa", [AccountRoles.Member]);
        await page.GotoAsync(server.Url("/console/signin?returnUrl=" + Uri.EscapeDataString("//evil.example.com/x")));
        await FillSignInAsync(page, user, ConsoleServer.Password);
        Assert.Equal(server.Url("/console"), page.Url);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task SignIn_FiveWrongPasswords_LockedEvenWithTheRightPassword()
    {
        var user = await server.AddAccountAsync("member", "lhasa", [AccountRoles.Member]);
        var page = await NewPageAsync();
        await page.GotoAsync(server.Url("/console/signin"));
        for (var i = 0; i < 5; i++)
        {
            await FillSignInAsync(page, user, "Wrong-password-" + i);
        }

        await FillSignInAsync(page, user, ConsoleServer.Password);
        Assert.Contains("账户已锁定", await page.InnerTextAsync("[data-testid=signin-message]"), StringComparison.Ordinal);
        Assert.Contains("/console/signin", page.Url, StringComparison.Ordinal);
        await Chromium.ScreenshotAsync(page, "console-locked");

        // An unknown user reads what a wrong password reads.
        await FillSignInAsync(page, "nobody-" + Guid.NewGuid().ToString("N")[..6], ConsoleServer.Password);
        Assert.Equal("用户名或密码错误", (await page.InnerTextAsync("[data-testid=signin-message]")).Trim());
        Assert.Contains(await server.AuditAsync(user, "signin.lockout"), e => e.Outcome == "success");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task TwoFactor_EnrolledMember_SignInAsksForTheCodeAndRefusesAWrongOne()
    {
        var user = await server.AddAccountAsync("member", "lhasa", [AccountRoles.Member]);
        var page = await NewPageAsync();
        await SignInAsync(page, user);
        Assert.Equal(server.Url("/console"), page.Url);
        await page.GotoAsync(server.Url("/console/account/two-factor"));
        var qr = await page.GetAttributeAsync(".qr img", "src");
        Assert.StartsWith("data:image/png;base64,", qr, StringComparison.Ordinal);
        await Chromium.ScreenshotAsync(page, "console-two-factor");
        var key = await EnrolAsync(page);
        Assert.Equal(10, await page.Locator("[data-testid=recovery-codes] li").CountAsync());
        Assert.True((await server.AccountAsync(user)).TwoFactorEnabled);
        Assert.Single(await server.AuditAsync(user, "account.two-factor-enable"));
        await page.ClickAsync("#signout");
        Assert.StartsWith(server.Url("/console/signin"), page.Url, StringComparison.Ordinal);
        Assert.Single(await server.AuditAsync(user, "signout"));

        await FillSignInAsync(page, user, ConsoleServer.Password);
        Assert.Contains("动态验证码", await page.InnerTextAsync("[data-testid=signin-message]"), StringComparison.Ordinal);
        var right = Totp.Code(key, DateTimeOffset.UtcNow);
        await page.FillAsync("#otp", right == "000000" ? "111111" : "000000");
        await page.ClickAsync("#signin");
        Assert.Contains("动态验证码不正确", await page.InnerTextAsync("[data-testid=signin-message]"), StringComparison.Ordinal);
        await page.FillAsync("#otp", Totp.Code(key, DateTimeOffset.UtcNow));
        await page.ClickAsync("#signin");
        await page.WaitForURLAsync(server.Url("/console"));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task MustChangePassword_EveryPageLeadsToThePasswordPageUntilChanged()
    {
        var user = await server.AddAccountAsync("operator", "epb", [AccountRoles.Operator], mustChangePassword: true);
        var page = await NewPageAsync();
        await SignInAsync(page, user);
        Assert.Equal(server.Url("/console/account/password"), page.Url);
        await page.GotoAsync(server.Url("/console/tasks"));
        Assert.Equal(server.Url("/console/account/password"), page.Url);
        Assert.True(await page.IsVisibleAsync("[data-testid=must-change]"));

        // A password that breaks the rules is refused in Chinese.
        await ChangePasswordAsync(page, ConsoleServer.Password, "short1");
        Assert.Contains("12", await page.InnerTextAsync("[data-testid=password-errors]"), StringComparison.Ordinal);
        await ChangePasswordAsync(page, "Not-the-current-1", "Yarlung-Tsangpo-2026");
        Assert.Contains("原密码不正确", await page.InnerTextAsync("[data-testid=password-errors]"), StringComparison.Ordinal);
        await Chromium.ScreenshotAsync(page, "console-must-change-password");

        await ChangePasswordAsync(page, ConsoleServer.Password, "Yarlung-Tsangpo-2026");
        Assert.True(await page.IsVisibleAsync("[data-testid=password-changed]"));
        Assert.False((await server.AccountAsync(user)).MustChangePassword);
        var tasks = await page.GotoAsync(server.Url("/console/tasks"));
        Assert.Equal((int)HttpStatusCode.OK, tasks!.Status);
        Assert.Equal(server.Url("/console/tasks"), page.Url);
        var audit = await server.AuditAsync(user, "account.change-password");
        Assert.Contains(audit, e => e.Outcome == "success");
        Assert.Contains(audit, e => e.Outcome == "failure");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task IdleTimeout_NextNavigationAfterIt_LandsOnSignInWithTheMessage()
    {
        var user = await server.AddAccountAsync("member", "lhasa", [AccountRoles.Member]);
        var page = await NewPageAsync();
        await SignInAsync(page, user);
        Assert.Equal(server.Url("/console"), page.Url);
        await Task.Delay(ConsoleServer.IdleTimeout + TimeSpan.FromSeconds(3));
        await page.GotoAsync(server.Url("/console/my-tasks"));
        Assert.StartsWith(server.Url("/console/signin?returnUrl="), page.Url, StringComparison.Ordinal);
        Assert.Equal("会话已超时，请重新登录", (await page.InnerTextAsync("[data-testid=signin-message]")).Trim());
        Assert.Single(await server.AuditAsync(user, "session.timeout"));
        await Chromium.ScreenshotAsync(page, "console-timeout");

        // Signing in again goes back where the person was.
        await FillSignInAsync(page, user, ConsoleServer.Password);
        Assert.Equal(server.Url("/console/my-tasks"), page.Url);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Accounts_SecurityAdmin_CreatesUnlocksResetsSetsRolesAndIssuesKeys()
    {
        var admin = await server.AddAccountAsync("security", "epb", [AccountRoles.SecurityAdmin]);
        var page = await NewPageAsync();
        await SignInAsync(page, admin);
        await EnrolAsync(page);
        await page.GotoAsync(server.Url("/console/accounts"));

        var newcomer = "shigatse-" + Guid.NewGuid().ToString("N")[..6];
        await page.FillAsync("#create-account input[name=userName]", newcomer);
        await page.FillAsync("#create-account input[name=fullName]", "次仁");
        await page.SelectOptionAsync("#create-account select[name=party]", "shigatse");
        await page.CheckAsync($"#create-account input[name=role][value={AccountRoles.Member}]");
        await page.FillAsync("#create-account input[name=password]", "weak");
        await page.ClickAsync("#create-account button[type=submit]");
        Assert.Contains("12", await page.InnerTextAsync("[data-testid=errors]"), StringComparison.Ordinal);

        await page.FillAsync("#create-account input[name=userName]", newcomer);
        await page.SelectOptionAsync("#create-account select[name=party]", "shigatse");
        await page.CheckAsync($"#create-account input[name=role][value={AccountRoles.Member}]");
        await page.FillAsync("#create-account input[name=password]", ConsoleServer.Password);
        await page.ClickAsync("#create-account button[type=submit]");
        Assert.Contains(newcomer, await page.InnerTextAsync("[data-testid=done]"), StringComparison.Ordinal);
        var row = page.Locator($"tr[data-user='{newcomer}']");
        Assert.Contains("日喀则市", await row.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("单位用户", await row.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("待修改密码", await row.InnerTextAsync(), StringComparison.Ordinal);
        await Chromium.ScreenshotAsync(page, "console-accounts");

        // Locked by five failures elsewhere, unlocked here.
        var other = await NewPageAsync();
        await other.GotoAsync(server.Url("/console/signin"));
        for (var i = 0; i < 5; i++)
        {
            await FillSignInAsync(other, newcomer, "Wrong-password-" + i);
        }

        await page.GotoAsync(server.Url("/console/accounts"));
        Assert.Contains("已锁定", await row.InnerTextAsync(), StringComparison.Ordinal);
        await row.Locator("button[data-action=unlock]").ClickAsync();
        Assert.DoesNotContain("已锁定", await row.InnerTextAsync(), StringComparison.Ordinal);

        await page.SelectOptionAsync("#set-roles select[name=userName]", newcomer);
        await page.CheckAsync($"#set-roles input[name=role][value={AccountRoles.Member}]");
        await page.CheckAsync($"#set-roles input[name=role][value={AccountRoles.AuditAdmin}]");
        await page.ClickAsync("#set-roles button[type=submit]");
        Assert.Contains("审计管理员", await row.InnerTextAsync(), StringComparison.Ordinal);

        await page.SelectOptionAsync("#reset-password select[name=userName]", newcomer);
        await page.FillAsync("#reset-password input[name=password]", "Namtso-Lake-4718m");
        await page.ClickAsync("#reset-password button[type=submit]");
        Assert.Contains("已重置", await page.InnerTextAsync("[data-testid=done]"), StringComparison.Ordinal);

        await row.Locator("button[data-action=disable]").ClickAsync();
        Assert.Contains("已停用", await row.InnerTextAsync(), StringComparison.Ordinal);
        await other.GotoAsync(server.Url("/console/signin"));
        await FillSignInAsync(other, newcomer, "Namtso-Lake-4718m");
        Assert.Equal("用户名或密码错误", (await other.InnerTextAsync("[data-testid=signin-message]")).Trim());

        foreach (var action in new[] { "account.create", "account.unlock", "account.set-roles", "account.reset-password", "account.disable" })
        {
            var entries = await server.AuditAsync(admin);
            Assert.True(entries.Any(e => e.Action == action && e.TargetId == newcomer && e.Outcome == "success"), $"{action} of {newcomer} not in: {string.Join("; ", entries.Select(e => $"{e.Action} {e.TargetId} {e.Outcome}"))}");
        }

        // An API key: the secret once, then only its prefix; revoked.
        var keyName = "eia-" + Guid.NewGuid().ToString("N")[..6];
        await page.GotoAsync(server.Url("/console/api-keys"));
        await page.FillAsync("#create-key input[name=name]", keyName);
        await page.ClickAsync("#create-key button[type=submit]");
        var secret = (await page.InnerTextAsync("[data-testid=secret]")).Trim();
        Assert.StartsWith("rk_", secret, StringComparison.Ordinal);
        await Chromium.ScreenshotAsync(page, "console-api-keys");
        await page.GotoAsync(server.Url("/console/api-keys"));
        Assert.DoesNotContain(secret, await page.ContentAsync(), StringComparison.Ordinal);
        var keyRow = page.Locator($"tr[data-key='{keyName}']");
        Assert.Contains("有效", await keyRow.InnerTextAsync(), StringComparison.Ordinal);
        await keyRow.Locator("button[data-action=revoke]").ClickAsync();
        Assert.Contains("吊销", await keyRow.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains(await server.AuditAsync(admin, "api-key.create"), e => e.TargetId == keyName);
        Assert.Contains(await server.AuditAsync(admin, "api-key.revoke"), e => e.TargetId == keyName);
        await page.Context.CloseAsync();
        await other.Context.CloseAsync();
    }

    [Fact]
    public async Task AuditLog_AuditAdmin_FiltersAndExportsCsvWhichIsItselfAudited()
    {
        var member = await server.AddAccountAsync("member", "lhasa", [AccountRoles.Member]);
        var probe = await NewPageAsync();
        await probe.GotoAsync(server.Url("/console/signin"));
        await FillSignInAsync(probe, member, "Wrong-password-1");
        await probe.Context.CloseAsync();

        var auditor = await server.AddAccountAsync("audit", "epb", [AccountRoles.AuditAdmin]);
        var page = await NewPageAsync();
        await SignInAsync(page, auditor);
        await EnrolAsync(page);
        await page.GotoAsync(server.Url("/console/audit"));
        await page.FillAsync("#audit-filter input[name=user]", member);
        await page.ClickAsync("#audit-filter button[type=submit]");
        var table = await page.InnerTextAsync("[data-testid=audit]");
        Assert.Contains("signin.failure", table, StringComparison.Ordinal);
        Assert.Contains("拉萨市", table, StringComparison.Ordinal);
        Assert.DoesNotContain(auditor, table, StringComparison.Ordinal);
        await Chromium.ScreenshotAsync(page, "console-audit");

        var href = await page.GetAttributeAsync("#export", "href");
        Assert.Equal($"/console/audit/export.csv?user={member}", href);
        var export = await page.Context.APIRequest.GetAsync(server.Url(href!));
        Assert.Equal(200, export.Status);
        Assert.StartsWith("text/csv", export.Headers["content-type"], StringComparison.Ordinal);
        var body = await export.BodyAsync();
        Assert.Equal(Encoding.UTF8.GetPreamble(), body[..3]);
        var lines = Encoding.UTF8.GetString(body[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("序号,时间（北京时间）,账户,单位", lines[0], StringComparison.Ordinal);
        Assert.Contains(lines, l => l.Contains($",{member},lhasa,", StringComparison.Ordinal) && l.Contains("signin.failure", StringComparison.Ordinal));
        Assert.Contains(await server.AuditAsync(auditor, "audit.export"), e => e.Detail!.Contains($"user={member}", StringComparison.Ordinal));

        // Another role's session cannot export.
        var operatorPage = await NewPageAsync();
        await SignInAsync(operatorPage, await server.AddAccountAsync("operator", "epb", [AccountRoles.Operator]));
        var refused = await operatorPage.Context.APIRequest.GetAsync(server.Url(href!), new APIRequestContextOptions { MaxRedirects = 0 });
        Assert.Equal(403, refused.Status);
        await operatorPage.Context.CloseAsync();
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

    private static async Task ChangePasswordAsync(IPage page, string current, string next)
    {
        await page.FillAsync("#current", current);
        await page.FillAsync("#new", next);
        await page.FillAsync("#confirm", next);
        await page.ClickAsync("#change");
        await page.WaitForLoadStateAsync(LoadState.DOMContentLoaded);
    }

    /// <summary>Binds an authenticator on the two-factor page, as a phone would; returns the key.</summary>
    private static async Task<string> EnrolAsync(IPage page)
    {
        var key = (await page.InnerTextAsync("[data-testid=authenticator-key]")).Replace(" ", string.Empty, StringComparison.Ordinal);
        await page.FillAsync("#code", Totp.Code(key, DateTimeOffset.UtcNow));
        await page.ClickAsync("#enable");
        await page.WaitForSelectorAsync("[data-testid=two-factor-enabled]");
        return key;
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

    private async Task SignInAsync(IPage page, string user)
    {
        await page.GotoAsync(server.Url("/console/signin"));
        await FillSignInAsync(page, user, ConsoleServer.Password);
    }

    private static async Task FillSignInAsync(IPage page, string user, string password)
    {
        await page.FillAsync("#username", user);
        await page.FillAsync("#password", password);
        await page.ClickAsync("#signin");
        await page.WaitForLoadStateAsync(LoadState.DOMContentLoaded);
    }
}
