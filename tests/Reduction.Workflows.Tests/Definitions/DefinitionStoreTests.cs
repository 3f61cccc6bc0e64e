using Reduction.Testing;
using Reduction.Workflows.Auditing;
using Reduction.Workflows.Definitions;
using Reduction.Workflows.Tests.Support;

namespace Reduction.Workflows.Tests.Definitions;

/// <summary>Drafts under optimistic concurrency, publishing the draft (layout apart, recorded, audited) and publishing
/// shipped files only when they change, on both providers (the checks are in SQL).</summary>
public class DefinitionStoreTests(PostgresServer postgres) : IClassFixture<PostgresServer>
{
    private static readonly AuditActor Admin = new("sys-admin-1", "epb", "10.0.0.1");

    private const string Flow = """
        {
          "id": "design-flow",
          "name": "设计测试",
          "activities": [
            { "id": "start", "type": "Start", "position": { "x": 0, "y": 0 } },
            { "id": "end", "type": "End", "position": { "x": 200, "y": 0 } }
          ],
          "connections": [{ "from": "start", "outcome": "done", "to": "end" }]
        }
        """;

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task GetDraftAsync_NoDraft_LatestVersionTaggedByVersion_UnknownNull(string provider)
    {
        await using var host = await VirtualWorkflowHost.CreateAsync(provider, postgres, "2016-02-01T09:00");
        await host.PublishJsonAsync(Flow);

        var draft = await host.Runtime.Definitions.GetDraftAsync("design-flow");

        Assert.NotNull(draft);
        Assert.False(draft.IsDraft);
        Assert.Equal("v1", draft.Tag);
        Assert.Equal(1, draft.Definition.Version);
        Assert.Null(await host.Runtime.Definitions.GetDraftAsync("no-such-flow"));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task SaveDraftAsync_CurrentTag_SavesWithNewTag_StaleTagConflictNamesWhoAndWhen(string provider)
    {
        await using var host = await VirtualWorkflowHost.CreateAsync(provider, postgres, "2016-02-01T09:00");
        await host.PublishJsonAsync(Flow);
        var store = host.Runtime.Definitions;

        var first = await store.SaveDraftAsync(Renamed("第一稿"), "v1", "admin-a");
        host.Clock.Advance(TimeSpan.FromMinutes(5));
        var second = await store.SaveDraftAsync(Renamed("第二稿"), first.Tag!, "admin-b");
        var stale = await store.SaveDraftAsync(Renamed("过时稿"), first.Tag!, "admin-a");
        var staleFromVersion = await store.SaveDraftAsync(Renamed("过时稿"), "v1", "admin-a");
        var stored = await store.GetDraftAsync("design-flow");

        Assert.Equal(DraftSaveOutcome.Saved, first.Outcome);
        Assert.Equal(DraftSaveOutcome.Saved, second.Outcome);
        Assert.NotEqual(first.Tag, second.Tag);
        Assert.Equal(DraftSaveOutcome.Conflict, stale.Outcome);
        Assert.Equal(DraftSaveOutcome.Conflict, staleFromVersion.Outcome);
        Assert.Equal("admin-b", stale.ChangedBy);
        Assert.Equal(host.Clock.GetUtcNow(), stale.ChangedAt);
        Assert.Equal(second.Tag, stale.Tag);
        Assert.True(stored!.IsDraft);
        Assert.Equal("第二稿", stored.Definition.Name);
        Assert.Equal(("admin-b", second.Tag), (stored.ChangedBy, stored.Tag));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task SaveDraftAsync_TwoConcurrentSavesOfTheSameState_ExactlyOneLands(string provider)
    {
        await using var host = await VirtualWorkflowHost.CreateAsync(provider, postgres, "2016-02-01T09:00");
        await host.PublishJsonAsync(Flow);
        var store = host.Runtime.Definitions;

        // The first draft (from the published version's tag), then an existing draft (from its stamp).
        foreach (var round in new[] { "first", "existing" })
        {
            var tag = (await store.GetDraftAsync("design-flow"))!.Tag;
            using var start = new ManualResetEventSlim();
            var saves = Enumerable.Range(0, 4).Select(i => Task.Run(async () =>
            {
                start.Wait();
                return await store.SaveDraftAsync(Renamed($"{round}-{i}"), tag, $"admin-{i}");
            })).ToList();
            start.Set();
            var results = await Task.WhenAll(saves);

            var winner = Assert.Single(results, r => r.Outcome == DraftSaveOutcome.Saved);
            Assert.All(results.Where(r => r != winner), r => Assert.Equal(DraftSaveOutcome.Conflict, r.Outcome));
            var stored = (await store.GetDraftAsync("design-flow"))!;
            Assert.Equal(winner.Tag, stored.Tag);
            Assert.Equal(winner.ChangedBy, stored.ChangedBy);
        }
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task SaveDraftAsync_UnknownDefinition_NotFound(string provider)
    {
        await using var host = await VirtualWorkflowHost.CreateAsync(provider, postgres, "2016-02-01T09:00");

        var result = await host.Runtime.Definitions.SaveDraftAsync(DefinitionJson.Parse(Flow, "test"), "v1", "admin-a");

        Assert.Equal(DraftSaveOutcome.NotFound, result.Outcome);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task PublishDraftAsync_LayoutOnly_NoNewVersion_DraftKeepsTheLayout(string provider)
    {
        await using var host = await VirtualWorkflowHost.CreateAsync(provider, postgres, "2016-02-01T09:00");
        await host.PublishJsonAsync(Flow);
        var store = host.Runtime.Definitions;
        var moved = DefinitionJson.Parse(Flow, "test");
        moved.FindActivity("end")!.Position = new DesignerPosition(480, 120);
        await store.SaveDraftAsync(moved, "v1", "admin-a");

        var result = await store.PublishDraftAsync("design-flow", Admin, "只挪了位置");

        Assert.Equal(DraftPublishOutcome.Unchanged, result.Outcome);
        Assert.Equal(1, result.Version);
        Assert.Single(await store.ListVersionsAsync("design-flow"), v => !v.IsDraft);
        Assert.Equal(new DesignerPosition(480, 120), (await store.GetDraftAsync("design-flow"))!.Definition.FindActivity("end")!.Position);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task PublishDraftAsync_Changed_NewVersionWithSourcePublisherNote_AuditedAndDraftGone(string provider)
    {
        await using var host = await VirtualWorkflowHost.CreateAsync(provider, postgres, "2016-02-01T09:00");
        await host.PublishJsonAsync(Flow);
        var store = host.Runtime.Definitions;
        await store.SaveDraftAsync(Renamed("改名后"), "v1", "sys-admin-1");

        var result = await store.PublishDraftAsync("design-flow", Admin, "改了名称");

        Assert.Equal(DraftPublishOutcome.Published, result.Outcome);
        Assert.Equal(2, result.Version);
        var versions = await store.ListVersionsAsync("design-flow");
        var v2 = Assert.Single(versions, v => v.Version == 2);
        Assert.DoesNotContain(versions, v => v.IsDraft);
        Assert.True(v2.IsLatest);
        Assert.Equal((DefinitionSources.Designer, "sys-admin-1", "sys-admin-1", "改了名称"), (v2.Source, v2.SourceName, v2.ChangedBy, v2.Note));
        Assert.Equal("改名后", (await store.GetDefinitionAsync("design-flow")).Name);
        Assert.Equal("v2", (await store.GetDraftAsync("design-flow"))!.Tag);
        var entry = Assert.Single(await new AuditLog(host.Database, host.Clock).QueryAsync(new AuditQuery(Action: "workflow.publish")));
        Assert.Equal(("sys-admin-1", "design-flow", AuditOutcomes.Success), (entry.User, entry.TargetId, entry.Outcome));
        Assert.Contains("version=2", entry.Detail, StringComparison.Ordinal);
        Assert.True((await new AuditLog(host.Database, host.Clock).VerifyAsync()).Intact);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task PublishDraftAsync_Invalid_FindingsAndNoVersion_NothingAudited(string provider)
    {
        await using var host = await VirtualWorkflowHost.CreateAsync(provider, postgres, "2016-02-01T09:00");
        await host.PublishJsonAsync(Flow);
        var store = host.Runtime.Definitions;
        var broken = DefinitionJson.Parse(Flow, "test");
        broken.Connections[0] = broken.Connections[0] with { To = "nowhere" };
        await store.SaveDraftAsync(broken, "v1", "sys-admin-1");

        var result = await store.PublishDraftAsync("design-flow", Admin, null);

        Assert.Equal(DraftPublishOutcome.Invalid, result.Outcome);
        var finding = Assert.Single(result.Findings, f => f.IsError && f.Property == "connections[0].to");
        Assert.Equal("start", finding.ActivityId);
        Assert.Equal("连接的终点“nowhere”不存在", finding.Chinese);
        Assert.Single(await store.ListVersionsAsync("design-flow"), v => !v.IsDraft);
        Assert.Empty(await new AuditLog(host.Database, host.Clock).QueryAsync(new AuditQuery(Action: "workflow.publish")));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task PublishFileAsync_DesignerVersionThenSameFile_DesignerStaysLatest_ChangedFilePublishes(string provider)
    {
        await using var host = await VirtualWorkflowHost.CreateAsync(provider, postgres, "2016-02-01T09:00");
        var store = host.Runtime.Definitions;
        var shipped = DefinitionJson.Parse(Flow, "design-flow.json");

        var atFirstStart = await store.PublishFileAsync(shipped, "design-flow.json", "hash-1");
        await store.SaveDraftAsync(Renamed("管理员版"), "v1", "sys-admin-1");
        await store.PublishDraftAsync("design-flow", Admin, "管理员修改");
        var afterRestart = await store.PublishFileAsync(DefinitionJson.Parse(Flow, "design-flow.json"), "design-flow.json", "hash-1");
        var designerStillLatest = await store.GetDefinitionAsync("design-flow");
        var changedFile = DefinitionJson.Parse(Flow, "design-flow.json");
        changedFile.Description = "新发布的文件";
        var afterUpgrade = await store.PublishFileAsync(changedFile, "design-flow.json", "hash-2");

        Assert.Equal((1, true), atFirstStart);
        Assert.Equal((2, false), afterRestart);
        Assert.Equal("管理员版", designerStillLatest.Name);
        Assert.Equal((3, true), afterUpgrade);
        var v3 = (await store.ListVersionsAsync("design-flow")).Single(v => v.Version == 3);
        Assert.Equal((DefinitionSources.File, "design-flow.json", "hash-2", "system"), (v3.Source, v3.SourceName, v3.FileHash, v3.ChangedBy));
        Assert.Equal("新发布的文件", (await store.GetDefinitionAsync("design-flow")).Description);
        var fromFiles = (await new AuditLog(host.Database, host.Clock).QueryAsync(new AuditQuery(User: "system", Action: "workflow.publish"))).Select(e => e.Detail).ToList();
        Assert.Equal(["version=3; source=file; file=design-flow.json", "version=1; source=file; file=design-flow.json"], fromFiles);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task PublishFileAsync_FileEqualToAnOlderPublish_RecordedSoALaterDesignerVersionSurvives(string provider)
    {
        await using var host = await VirtualWorkflowHost.CreateAsync(provider, postgres, "2016-02-01T09:00");
        var store = host.Runtime.Definitions;

        // A database from before files were recorded: the version exists, the file's hash does not.
        await host.PublishJsonAsync(Flow);
        var upgraded = await store.PublishFileAsync(DefinitionJson.Parse(Flow, "design-flow.json"), "design-flow.json", "hash-1");
        await store.SaveDraftAsync(Renamed("管理员版"), "v1", "sys-admin-1");
        await store.PublishDraftAsync("design-flow", Admin, null);
        var restarted = await store.PublishFileAsync(DefinitionJson.Parse(Flow, "design-flow.json"), "design-flow.json", "hash-1");

        Assert.Equal((1, false), upgraded);
        Assert.Equal((2, false), restarted);
        Assert.Equal("管理员版", (await store.GetDefinitionAsync("design-flow")).Name);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task CountInstancesAsync_InstancesOnTwoVersions_CountedPerVersionAndStatus(string provider)
    {
        await using var host = await VirtualWorkflowHost.CreateAsync(provider, postgres, "2016-02-01T09:00");
        var store = host.Runtime.Definitions;
        await host.PublishJsonAsync(Flow);
        await host.Runtime.StartAsync("design-flow", null);
        await store.PublishAsync(Renamed("第二版"));
        await host.Runtime.StartAsync("design-flow", null);
        await host.Runtime.StartAsync("design-flow", null);
        await host.RunUntilAsync("2016-02-01T10:00");

        var counts = await store.CountInstancesAsync("design-flow");

        Assert.Equal(1, counts[1].Values.Sum());
        Assert.Equal(2, counts[2].Values.Sum());
    }

    private static WorkflowDefinition Renamed(string name)
    {
        var definition = DefinitionJson.Parse(Flow, "test");
        definition.Name = name;
        return definition;
    }
}
