using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Reduction.Server.Tests.Support;
using Reduction.Testing;
using Reduction.Workflows.Persistence;
using Xunit.Abstractions;

namespace Reduction.Server.Tests.Resilience;

/// <summary>Publishing a new version through the server (a changed workflows file, picked up on restart) leaves
/// waiting instances on their version; an unchanged file republished on every start keeps its version.</summary>
public sealed class RepublishTests(PostgresServer postgres, ITestOutputHelper output)
    : ServerDrill(postgres, output), IClassFixture<PostgresServer>
{
    protected override string[] Definitions => [Drills.Republish("v1")];

    [Fact]
    public async Task Republish_WhileV1InstancesWait_TheyFinishOnV1NewOnesRunV2()
    {
        var server = NewServer("republish");
        await server.StartAsync();
        using var admin = new AdminClient(server.BaseAddress);
        var waiting = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            waiting.Add(await admin.StartReliablyAsync("republish-drill", [], $"v1-{i}", TimeSpan.FromSeconds(30)));
        }

        Folder.Write(Drills.Republish("v2"));
        server.Kill();
        await server.StartAsync();
        Assert.Equal(2, await VersionAsync(admin));
        Assert.Equal(0, await server.StopGracefullyAsync(TimeSpan.FromSeconds(30)));
        await server.StartAsync();
        Assert.Equal(2, await VersionAsync(admin));

        var fresh = await admin.StartReliablyAsync("republish-drill", [], "v2-0", TimeSpan.FromSeconds(30));
        var signal = (await (await admin.Http.PostAsJsonAsync("/api/signals/release-drill", new JsonObject())).Content.ReadFromJsonAsync<JsonObject>())!;

        Assert.Equal(4, signal["resumed"]!.GetValue<int>());
        foreach (var id in waiting)
        {
            var instance = await CompletedAsync(admin, id);
            Assert.Equal(1, instance["instance"]!["definitionVersion"]!.GetValue<int>());
            Assert.Equal("v1", instance["variables"]!["marker"]!.GetValue<string>());
        }

        var v2 = await CompletedAsync(admin, fresh);
        Assert.Equal(2, v2["instance"]!["definitionVersion"]!.GetValue<int>());
        Assert.Equal("v2", v2["variables"]!["marker"]!.GetValue<string>());
        await using var db = Database.Context();
        Assert.Equal([1, 2], await db.Definitions.Where(d => d.DefinitionId == "republish-drill").Select(d => d.Version).OrderBy(v => v).ToListAsync());
    }

    private static async Task<int> VersionAsync(AdminClient admin)
    {
        var workflows = (JsonArray)await admin.GetJsonAsync("/api/workflows");
        return workflows.Single(w => w!["id"]!.GetValue<string>() == "republish-drill")!["version"]!.GetValue<int>();
    }

    private static Task<JsonObject> CompletedAsync(AdminClient admin, Guid id) =>
        Eventually.ReturnsAsync(async () =>
        {
            var details = (JsonObject)await admin.GetJsonAsync($"/api/instances/{id}");
            return details["instance"]!["status"]!.GetValue<string>() == nameof(InstanceStatus.Completed) ? details : null;
        }, TimeSpan.FromSeconds(30), $"completion of {id}");
}
