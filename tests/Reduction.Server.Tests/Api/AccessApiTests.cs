using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Reduction.Identity.Accounts;
using Reduction.Identity.Keys;
using Reduction.Server.Tests.Support;
using Reduction.Testing;
using Reduction.Workflows.Auditing;

namespace Reduction.Server.Tests.Api;

/// <summary>The API's credentials and roles (issue contract): tokens from `POST /api/auth/token`, API keys with
/// scopes, 401 without credentials, 403 without the role or scope, 423 while locked.</summary>
public sealed class AccessApiTests(ApiFixture fixture, PostgresServer postgres) : IClassFixture<ApiFixture>, IClassFixture<PostgresServer>
{
    private const string Password = "Lhasa-Member-2026";
    private static readonly AuditActor Setup = new("test-setup", "epb", "test");

    private IServiceProvider Services => fixture.Factory.Services;

    [Fact]
    public async Task Token_RightPassword_200WithTokenAndBeijingExpiry_UsableAsBearer()
    {
        using var anonymous = fixture.Client(password: null);

        using var answer = await anonymous.PostAsJsonAsync("/api/auth/token", new { username = AdminClient.User, password = AdminClient.Password });
        var body = (await answer.Content.ReadFromJsonAsync<JsonObject>())!;
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/tasks") { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", body["token"]!.GetValue<string>()) } };
        using var tasks = await anonymous.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.StartsWith(BearerCredentials.TokenPrefix, body["token"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.EndsWith("+08:00", body["expiresAt"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.InRange(DateTimeOffset.Parse(body["expiresAt"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture) - DateTimeOffset.UtcNow, TimeSpan.FromHours(7.9), TimeSpan.FromHours(8.1));
        Assert.Equal(HttpStatusCode.OK, tasks.StatusCode);
    }

    [Fact]
    public async Task Token_WrongPasswordOrUnknownUser_Same401Message_AndBothAudited()
    {
        using var anonymous = fixture.Client(password: null);

        using var wrong = await anonymous.PostAsJsonAsync("/api/auth/token", new { username = AdminClient.User, password = "Not-The-Password-1" });
        using var unknown = await anonymous.PostAsJsonAsync("/api/auth/token", new { username = "nobody-" + Guid.NewGuid().ToString("N")[..8], password = "Not-The-Password-1" });

        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);
        Assert.Equal("用户名或密码错误", (await wrong.Content.ReadFromJsonAsync<JsonObject>())!["message"]!.GetValue<string>());
        Assert.Equal("用户名或密码错误", (await unknown.Content.ReadFromJsonAsync<JsonObject>())!["message"]!.GetValue<string>());
        var failures = await Services.GetRequiredService<AuditLog>().QueryAsync(new AuditQuery(Action: "signin.failure", Take: 1000));
        Assert.Contains(failures, e => e.User == AdminClient.User && e.Outcome == AuditOutcomes.Failure);
    }

    [Fact]
    public async Task Token_FiveFailures_Locked423EvenWithTheRightPassword_UnlockedBySecurityAdmin()
    {
        var user = await MemberAsync("lhasa");
        using var client = fixture.Client(password: null);

        for (var i = 0; i < 5; i++)
        {
            using var failed = await client.PostAsJsonAsync("/api/auth/token", new { username = user, password = "Wrong-Password-99" });
            Assert.Equal(HttpStatusCode.Unauthorized, failed.StatusCode);
        }

        using var locked = await client.PostAsJsonAsync("/api/auth/token", new { username = user, password = Password });
        var lockedMessage = (await locked.Content.ReadFromJsonAsync<JsonObject>())!["message"]!.GetValue<string>();
        await Services.GetRequiredService<AccountService>().UnlockAsync(user, Setup);
        using var unlocked = await client.PostAsJsonAsync("/api/auth/token", new { username = user, password = Password });

        Assert.Equal((HttpStatusCode)423, locked.StatusCode);
        Assert.Contains("锁定", lockedMessage, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, unlocked.StatusCode);
        Assert.Contains(await Services.GetRequiredService<AuditLog>().QueryAsync(new AuditQuery(User: user, Action: "signin.lockout")), e => e.User == user);
    }

    [Fact]
    public async Task EveryApiRoute_WithoutCredentials401_WithAForgedToken401_AuthTokenOpen()
    {
        using var anonymous = fixture.Client(password: null);
        var routes = new[] { "/api/tasks", "/api/instances", "/api/workflows", "/api/sanctions", "/api/plan-periods", "/api/clock", "/api/audit" };

        foreach (var route in routes)
        {
            using var none = await anonymous.GetAsync(new Uri(route, UriKind.Relative));
            using var forged = new HttpRequestMessage(HttpMethod.Get, route) { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", BearerCredentials.TokenPrefix + "forged") } };
            using var forgedAnswer = await anonymous.SendAsync(forged);
            Assert.True(none.StatusCode == HttpStatusCode.Unauthorized, $"{route}: {none.StatusCode}");
            Assert.True(forgedAnswer.StatusCode == HttpStatusCode.Unauthorized, $"{route} forged: {forgedAnswer.StatusCode}");
            Assert.Contains("身份验证", (await none.Content.ReadFromJsonAsync<JsonObject>())!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        }

        using var basic = new HttpRequestMessage(HttpMethod.Get, "/api/tasks") { Headers = { Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String("drill-operator:Drill-Secret-2026"u8.ToArray())) } };
        using var basicAnswer = await anonymous.SendAsync(basic);
        Assert.Equal(HttpStatusCode.Unauthorized, basicAnswer.StatusCode);
    }

    [Fact]
    public async Task Roles_WithoutTheRole403_MemberCannotStartOrCancel_SystemAdminReadsNoTasks_AuditReadOnlyForAuditAdmin()
    {
        var member = await MemberAsync("lhasa");
        var systemAdmin = await AccountAsync("epb", AccountRoles.SystemAdmin);
        var auditAdmin = await AccountAsync("epb", AccountRoles.AuditAdmin);
        using var asMember = fixture.Client(Password, member);
        using var asSystemAdmin = fixture.Client(Password, systemAdmin);
        using var asAuditAdmin = fixture.Client(Password, auditAdmin);

        using var memberStarts = await asMember.PostAsJsonAsync("/api/cycles/2016/start", new { });
        using var memberTasks = await asMember.GetAsync(new Uri("/api/tasks", UriKind.Relative));
        using var memberAudit = await asMember.GetAsync(new Uri("/api/audit", UriKind.Relative));
        using var adminTasks = await asSystemAdmin.GetAsync(new Uri("/api/tasks", UriKind.Relative));
        using var adminWorkflows = await asSystemAdmin.GetAsync(new Uri("/api/workflows", UriKind.Relative));
        using var adminAudit = await asSystemAdmin.GetAsync(new Uri("/api/audit", UriKind.Relative));
        using var auditorTasks = await asAuditAdmin.GetAsync(new Uri("/api/tasks", UriKind.Relative));
        using var auditorAudit = await asAuditAdmin.GetAsync(new Uri($"/api/audit?user={member}", UriKind.Relative));
        var entries = (await auditorAudit.Content.ReadFromJsonAsync<JsonObject>())!["entries"]!.AsArray();

        Assert.Equal(HttpStatusCode.Forbidden, memberStarts.StatusCode);
        Assert.Equal(HttpStatusCode.OK, memberTasks.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, memberAudit.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, adminTasks.StatusCode);
        Assert.Equal(HttpStatusCode.OK, adminWorkflows.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, adminAudit.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, auditorTasks.StatusCode);
        Assert.Equal(HttpStatusCode.OK, auditorAudit.StatusCode);
        Assert.NotEmpty(entries);
        Assert.All(entries, e => Assert.Equal(member, e!["user"]!.GetValue<string>()));
        var first = entries[0]!.AsObject();
        foreach (var field in new[] { "at", "user", "party", "address", "action", "target", "outcome", "hash", "previousHash" })
        {
            Assert.True(first.ContainsKey(field), field);
        }
    }

    [Fact]
    public async Task ApiKey_SanctionsScope_ReadsSanctions_403OnTasks_RevokedKey401_EveryUseAudited()
    {
        var name = "eia-" + Guid.NewGuid().ToString("N")[..8];
        var credentials = Services.GetRequiredService<BearerCredentials>();
        var (_, secret, errors) = await credentials.CreateKeyAsync(name, [ApiScopes.SanctionsRead], Setup);
        Assert.Empty(errors);
        using var client = fixture.Client(password: null);

        using var sanctions = await SendAsync(client, "/api/sanctions?prefecture=拉萨市&date=2026-06-01", secret!);
        using var tasks = await SendAsync(client, "/api/tasks", secret!);
        await credentials.RevokeKeyAsync(name, Setup);
        using var revoked = await SendAsync(client, "/api/sanctions", secret!);

        Assert.Equal(HttpStatusCode.OK, sanctions.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, tasks.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, revoked.StatusCode);
        var uses = await Services.GetRequiredService<AuditLog>().QueryAsync(new AuditQuery(User: "apikey:" + name, Action: "api-key.use"));
        Assert.Equal(2, uses.Count);
        Assert.Contains(uses, u => u.TargetId == "/api/tasks");
    }

    [Fact]
    public async Task TwoFactors_AdminWithoutAuthenticator403_WithCode200_WrongCode401()
    {
        await using var factory = new ApiFactory(await postgres.CreateDatabaseAsync(), new DrillFolder(Drills.Answer).Path, settings: new Dictionary<string, string> { ["Security:RequireTwoFactorForAdmins"] = "true" });
        _ = factory.Server;
        var services = factory.Services;
        await TestAccounts.EnsureAsync(services, "sec-admin", "epb", Password, AccountRoles.SecurityAdmin);
        using var client = factory.ClientFrom(IPAddress.Parse("10.8.0.1"));

        using var notEnrolled = await client.PostAsJsonAsync("/api/auth/token", new { username = "sec-admin", password = Password });
        string key;
        await using (var scope = services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<Account>>();
            var account = (await users.FindByNameAsync("sec-admin"))!;
            await users.ResetAuthenticatorKeyAsync(account);
            key = (await users.GetAuthenticatorKeyAsync(account))!;
            await users.SetTwoFactorEnabledAsync(account, true);
        }

        using var noCode = await client.PostAsJsonAsync("/api/auth/token", new { username = "sec-admin", password = Password });
        using var wrongCode = await client.PostAsJsonAsync("/api/auth/token", new { username = "sec-admin", password = Password, otp = "000000" == Totp.Code(key, DateTimeOffset.UtcNow) ? "111111" : "000000" });
        using var withCode = await client.PostAsJsonAsync("/api/auth/token", new { username = "sec-admin", password = Password, otp = Totp.Code(key, DateTimeOffset.UtcNow) });

        Assert.Equal(HttpStatusCode.Forbidden, notEnrolled.StatusCode);
        Assert.Contains("双因素", (await notEnrolled.Content.ReadFromJsonAsync<JsonObject>())!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, noCode.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrongCode.StatusCode);
        Assert.Equal(HttpStatusCode.OK, withCode.StatusCode);
    }

    [Fact]
    public async Task Token_MustChangePassword403_MalformedBody400_OversizeNameNotEchoed()
    {
        var user = "new-" + Guid.NewGuid().ToString("N")[..8];
        var created = await Services.GetRequiredService<AccountService>().CreateAsync(new NewAccount(user, "shigatse", [AccountRoles.Member], Password), Setup);
        Assert.True(created.Succeeded, string.Join("; ", created.Errors));
        using var client = fixture.Client(password: null);

        using var mustChange = await client.PostAsJsonAsync("/api/auth/token", new { username = user, password = Password });
        using var malformed = await client.PostAsync(new Uri("/api/auth/token", UriKind.Relative), new StringContent("{\"username\":", System.Text.Encoding.UTF8, "application/json"));
        var huge = new string('x', 100_000);
        using var oversize = await client.PostAsJsonAsync("/api/auth/token", new { username = huge, password = huge });

        Assert.Equal(HttpStatusCode.Forbidden, mustChange.StatusCode);
        Assert.Contains("修改初始密码", (await mustChange.Content.ReadFromJsonAsync<JsonObject>())!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, oversize.StatusCode);
        Assert.True((await oversize.Content.ReadAsStringAsync()).Length < 500);
    }

    [Fact]
    public async Task UnifiedIdentity_NotConfigured_404()
    {
        using var client = fixture.Client(password: null);

        using var response = await client.GetAsync(new Uri("/console/signin/oidc", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private static Task<HttpResponseMessage> SendAsync(HttpClient client, string route, string bearer) =>
        client.SendAsync(new HttpRequestMessage(HttpMethod.Get, route) { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", bearer) } });

    private Task<string> MemberAsync(string party) => AccountAsync(party, AccountRoles.Member);

    private async Task<string> AccountAsync(string party, string role)
    {
        var user = $"{role}-{party}-{Guid.NewGuid().ToString("N")[..6]}";
        await TestAccounts.EnsureAsync(Services, user, party, Password, role);
        return user;
    }
}
