using Reduction.Testing;
using Reduction.Workflows.Auditing;
using Reduction.Workflows.Definitions;
using Reduction.Workflows.Execution;
using Reduction.Workflows.Persistence;
using Reduction.Workflows.Tests.Support;

namespace Reduction.Workflows.Tests.Definitions;

/// <summary>A definition that has only a draft (made by <see cref="DefinitionStore.CreateAsync"/>) and the catalog of
/// every definition, on both providers: the engine refuses to start it until it is published.</summary>
public class DefinitionCatalogTests(PostgresServer postgres) : IClassFixture<PostgresServer>
{
    private static readonly AuditActor Admin = new("sys-admin-2", "epb", "10.0.0.2");

    private const string Flow = """
        {
          "id": "catalog-flow",
          "name": "目录测试",
          "activities": [
            { "id": "start", "type": "Start" },
            { "id": "end", "type": "End" }
          ],
          "connections": [{ "from": "start", "outcome": "done", "to": "end" }]
        }
        """;

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task CreateAsync_NewId_DraftOnlyNotStartable_SecondCreateRefused_PublishMakesVersion1(string provider)
    {
        await using var host = await VirtualWorkflowHost.CreateAsync(provider, postgres, "2016-02-01T09:00");
        var store = host.Runtime.Definitions;

        var created = await store.CreateAsync(DefinitionJson.Parse(Flow, "test"), Admin, "source=new");
        var again = await store.CreateAsync(DefinitionJson.Parse(Flow, "test"), Admin);
        var draft = await store.GetDraftAsync("catalog-flow");
        var notStarted = await Assert.ThrowsAsync<WorkflowNotFoundException>(() => host.Runtime.StartAsync("catalog-flow", null));
        var published = await store.PublishDraftAsync("catalog-flow", Admin, "首次发布");
        var started = await host.Runtime.StartAsync("catalog-flow", null);

        Assert.True(created.Created);
        Assert.Equal(created.Tag, draft!.Tag);
        Assert.True(draft.IsDraft);
        Assert.Equal("sys-admin-2", draft.ChangedBy);
        Assert.False(again.Created);
        Assert.Contains("尚未发布", notStarted.Message, StringComparison.Ordinal);
        Assert.Equal((DraftPublishOutcome.Published, 1), (published.Outcome, published.Version));
        Assert.True(started.Created);
        var audit = await new AuditLog(host.Database, host.Clock).QueryAsync(new AuditQuery(Action: "workflow.create", Take: 100));
        var entry = Assert.Single(audit);
        Assert.Equal(("catalog-flow", "sys-admin-2"), (entry.TargetId, entry.User));
        Assert.Contains("source=new", entry.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task ListAsync_PublishedDraftOnlyAndBoth_LatestDraftVersionsAndInstanceCounts(string provider)
    {
        await using var host = await VirtualWorkflowHost.CreateAsync(provider, postgres, "2016-02-01T09:00");
        var store = host.Runtime.Definitions;
        await host.PublishJsonAsync(Flow);
        await host.Runtime.StartAsync("catalog-flow", null);
        await store.PublishAsync(Renamed("catalog-flow", "第二版"));
        await host.Runtime.StartAsync("catalog-flow", null);
        await store.SaveDraftAsync(Renamed("catalog-flow", "草稿"), "v2", "admin-c");
        await store.CreateAsync(Renamed("a-draft-only", "只有草稿"), Admin);

        var catalog = await new DefinitionCatalog(host.Database).ListAsync();

        Assert.Equal(["a-draft-only", "catalog-flow"], catalog.Select(d => d.Id));
        var draftOnly = catalog[0];
        Assert.Equal(("只有草稿", null, 0), (draftOnly.Name, draftOnly.LatestVersion, draftOnly.Versions.Count));
        Assert.Equal("sys-admin-2", draftOnly.Draft!.ChangedBy);
        Assert.Empty(draftOnly.Instances);
        var both = catalog[1];
        Assert.Equal(("第二版", 2), (both.Name, both.LatestVersion));
        Assert.Equal([2, 1], both.Versions);
        Assert.Equal("admin-c", both.Draft!.ChangedBy);
        Assert.Equal(1, both.Instances[1][InstanceStatus.Completed]);
        Assert.Equal(1, both.Instances[2][InstanceStatus.Completed]);
    }

    private static WorkflowDefinition Renamed(string id, string name)
    {
        var definition = DefinitionJson.Parse(Flow, "test");
        definition.Id = id;
        definition.Name = name;
        return definition;
    }
}
