using System.Text.Json.Nodes;
using Reduction.Domain.Parties;
using Reduction.Testing;
using Reduction.Workflows.Persistence;
using Reduction.Workflows.Queries;
using Reduction.Workflows.Tests.Definitions;
using Reduction.Workflows.Tests.Support;

namespace Reduction.Workflows.Tests.Simulation;

public class SanctionLifecycleTests(PostgresServer postgres) : IClassFixture<PostgresServer>
{
    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Veto_RecordedOnApprovalThenLiftedAfterReVerification(string provider)
    {
        await using var host = await VirtualWorkflowHost.CreateAsync(provider, postgres, "2015-04-28T10:00");
        foreach (var id in new[] { "assessment-result", "lift-sanctions" })
        {
            await host.PublishJsonAsync(await File.ReadAllTextAsync(Path.Combine(ShippedFiles.WorkflowsFolder, id + ".json")));
        }

        var registry = new SanctionQueries(host.Database);
        var result = await host.Runtime.StartAsync("assessment-result", new JsonObject
        {
            ["year"] = 2015,
            ["item"] = new JsonObject { ["prefecture"] = "ngari", ["prefecture_name"] = "阿里地区", ["verdict"] = "fail", ["findings"] = new JsonArray() },
        });
        await host.Scheduler.RunPendingAsync();

        Assert.Equal(4, (await registry.InForceAsync(PartyScope.Everything, "ngari", new DateOnly(2015, 4, 28))).Count);
        Assert.Empty(await registry.InForceAsync(PartyScope.Everything, "ngari", new DateOnly(2015, 4, 27)));
        Assert.Empty(await registry.InForceAsync(PartyScope.Everything, "lhasa", new DateOnly(2015, 5, 1)));
        var measures = Assert.Single(await host.TasksAsync(result.InstanceId));
        Assert.Equal(("supervision-measures", "supervision"), (measures.Kind, measures.AssigneePartyId));
        var sanctionNotices = (await host.NoticesAsync()).Where(n => n.TemplateKey == "sanction").ToList();
        Assert.Equal(4, sanctionNotices.Count);
        Assert.Contains(sanctionNotices, n => n.RecipientRolesJson.Contains("government", StringComparison.Ordinal)); // awards bar is enforced by the government

        // A year later the prefecture asks for the lift; the EPB re-verifies and finds the problems fixed.
        host.Clock.SetUtcNow(VirtualWorkflowHost.Beijing("2016-05-03T09:00"));
        var lift = await host.Runtime.StartAsync("lift-sanctions", new JsonObject { ["prefecture"] = "ngari", ["year"] = 2015 });
        var verification = Assert.Single(await host.TasksAsync(lift.InstanceId));
        Assert.Equal("re-verification", verification.Kind);
        await host.Tasks.CompleteAsync(verification.Id, VirtualWorkflowHost.Json("""{"decision":"fixed","summary":"整改到位"}"""), "epb-user");
        await host.Scheduler.RunPendingAsync();

        Assert.Equal(InstanceStatus.Completed, (await host.Runtime.StoredInstanceAsync(lift.InstanceId))!.Status);
        Assert.Equal(4, (await registry.InForceAsync(PartyScope.Everything, "ngari", new DateOnly(2016, 5, 2))).Count);
        Assert.Empty(await registry.InForceAsync(PartyScope.Everything, "ngari", new DateOnly(2016, 5, 3)));
        Assert.All(await registry.AllAsync(PartyScope.Everything, "ngari"), s => Assert.Equal(new DateOnly(2016, 5, 3), s.EndsOn));
        Assert.Single(await host.NoticesAsync(), n => n.TemplateKey == "sanction-lifted");
    }
}
