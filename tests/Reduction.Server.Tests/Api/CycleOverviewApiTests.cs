using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Reduction.Identity.Accounts;
using Reduction.Server.Tests.Answers;
using Reduction.Server.Tests.Support;
using Reduction.Workflows.Execution;

namespace Reduction.Server.Tests.Api;

/// <summary>`GET /api/cycles/{year}/overview`: the contract's fields, the caller's party scope, and a bad year. Each
/// test runs a cycle year of its own (a stand-in `annual-cycle` with annual-plan instances under it).</summary>
[Collection(AnswerCollection.Name)]
public sealed class CycleOverviewApiTests(AnswerFixture fixture)
{
    private static readonly string[] ContractFields = ["party", "task", "state", "due", "submittedAt", "lateBy", "escalationLevel"];

    private async Task<int> CycleAsync(params string[] prefectures)
    {
        var year = Random.Shared.Next(2040, 2100);
        var runtime = fixture.Services.GetRequiredService<WorkflowRuntime>();
        var root = await runtime.StartAsync("annual-cycle", new JsonObject { ["year"] = year }, $"annual-cycle:{year}");
        if (!root.Created)
        {
            return await CycleAsync(prefectures); // another test of the run took that year
        }

        foreach (var prefecture in prefectures)
        {
            var plan = new JsonObject { ["year"] = 2015, ["item"] = new JsonObject { ["id"] = prefecture, ["name"] = prefecture } };
            await runtime.StartAsync("annual-plan", plan, parent: (root.InstanceId, Guid.NewGuid()));
        }

        return year;
    }

    private async Task<JsonObject> OverviewAsync(HttpClient client, int year, int cells)
    {
        return await Eventually.ReturnsAsync(
            async () =>
            {
                var overview = await client.GetFromJsonAsync<JsonObject>($"/api/cycles/{year}/overview");
                return overview!["cells"]!.AsArray().Count >= cells ? overview : null;
            },
            TimeSpan.FromSeconds(30),
            $"{cells} cells in {year}'s overview");
    }

    [Fact]
    public async Task Get_Operator_EveryPrefecturesCellWithTheContractFields()
    {
        var year = await CycleAsync("lhasa", "shigatse");
        using var admin = fixture.Admin();

        var overview = await OverviewAsync(admin, year, 2);

        Assert.Equal(year, overview["year"]!.GetValue<int>());
        var cells = overview["cells"]!.AsArray().Select(c => c!.AsObject()).ToList();
        Assert.Equal(["lhasa", "shigatse"], cells.Select(c => c["party"]!.GetValue<string>()).Order());
        Assert.All(cells, c => Assert.All(ContractFields, f => Assert.True(c.ContainsKey(f), f)));
        Assert.All(cells, c => Assert.Equal("annual-plan", c["task"]!.GetValue<string>()));

        // Due 15 March 2015, long past: overdue by as many days as there are to today.
        Assert.All(cells, c => Assert.Equal("overdue", c["state"]!.GetValue<string>()));
        Assert.All(cells, c => Assert.Equal("2015-03-15T23:59:59+08:00", c["due"]!.GetValue<string>()));
        Assert.All(cells, c => Assert.True(c["lateBy"]!.GetValue<int>() > 365));
        Assert.All(cells, c => Assert.Null(c["submittedAt"]));
        Assert.NotNull(overview["notices"]?["pending"]);
        Assert.NotNull(overview["incidents"]);
    }

    [Fact]
    public async Task Get_PrefectureMember_OnlyItsOwnCells()
    {
        var year = await CycleAsync("lhasa", "shigatse", "ngari");
        await TestAccounts.EnsureAsync(fixture.Services, "overview-lhasa", "lhasa", "Tibet-Staff-2026!", AccountRoles.Member);
        using var member = new HttpClient(AdminClient.SignedIn(fixture.Factory.Server.CreateHandler(), "overview-lhasa", "Tibet-Staff-2026!")) { BaseAddress = new Uri("http://localhost") };
        using var admin = fixture.Admin();
        await OverviewAsync(admin, year, 3);

        var overview = await member.GetFromJsonAsync<JsonObject>($"/api/cycles/{year}/overview");

        var parties = overview!["cells"]!.AsArray().Select(c => c!["party"]!.GetValue<string>()).ToList();
        Assert.Equal(["lhasa"], parties);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("15")]
    [InlineData("99999")]
    [InlineData("-2015")]
    public async Task Get_BadYear_400WithAChineseMessage(string year)
    {
        using var admin = fixture.Admin();

        using var response = await admin.GetAsync(new Uri($"/api/cycles/{year}/overview", UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var message = (await response.Content.ReadFromJsonAsync<JsonObject>())!["message"]!.GetValue<string>();
        Assert.Contains("年度", message, StringComparison.Ordinal);
        Assert.Contains(year, message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_WithoutCredentials_401()
    {
        using var anonymous = fixture.Admin(password: null);

        using var response = await anonymous.GetAsync(new Uri("/api/cycles/2015/overview", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
