using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Reduction.Identity.Accounts;
using Reduction.Server.Tests.Answers;
using Reduction.Server.Tests.Support;

namespace Reduction.Server.Tests.Api;

/// <summary>The API reads through the caller's party scope: a member of 拉萨市, signed in with a token of their
/// account, asking for 日喀则市's task or instance gets 404.</summary>
[Collection(AnswerCollection.Name)]
public sealed class PartyScopeApiTests(AnswerFixture fixture)
{
    [Fact]
    public async Task Get_LhasaMemberAsksForShigatsesTaskOrInstance_404AndOwn200()
    {
        var lhasa = await fixture.StartAsync("annual-plan", Plan("lhasa", "拉萨市"));
        var shigatse = await fixture.StartAsync("annual-plan", Plan("shigatse", "日喀则市"));
        await TestAccounts.EnsureAsync(fixture.Services, "lhasa-member", "lhasa", "Tibet-Staff-2026!", AccountRoles.Member);
        using var client = new HttpClient(AdminClient.SignedIn(fixture.Factory.Server.CreateHandler(), "lhasa-member", "Tibet-Staff-2026!")) { BaseAddress = new Uri("http://localhost") };
        var shigatseTask = shigatse.Tasks.Single().Id;

        using var foreignTask = await client.GetAsync(new Uri($"/api/tasks/{shigatseTask}", UriKind.Relative));
        using var foreignInstance = await client.GetAsync(new Uri($"/api/instances/{shigatse.InstanceId}", UriKind.Relative));
        using var foreignComplete = await client.PostAsJsonAsync($"/api/tasks/{shigatseTask}/complete", new JsonObject { ["data"] = new JsonObject() });
        using var ownTask = await client.GetAsync(new Uri($"/api/tasks/{lhasa.Tasks.Single().Id}", UriKind.Relative));
        var listed = (await client.GetFromJsonAsync<JsonArray>("/api/tasks"))!.Select(t => t!["assigneePartyId"]!.GetValue<string>()).ToList();

        Assert.Equal(HttpStatusCode.NotFound, foreignTask.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, foreignInstance.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, foreignComplete.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ownTask.StatusCode);
        Assert.NotEmpty(listed);
        Assert.All(listed, party => Assert.Equal("lhasa", party));
        Assert.Equal(0, (await fixture.TaskAsync(shigatseTask))!.Revisions);
    }

    private static JsonObject Plan(string id, string name) => new() { ["year"] = 2015, ["item"] = new JsonObject { ["id"] = id, ["name"] = name } };
}
