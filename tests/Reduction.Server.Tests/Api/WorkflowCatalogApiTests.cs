using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Reduction.Server.Tests.Support;
using Reduction.Server.Workflows;
using Reduction.Workflows.Auditing;
using Reduction.Workflows.Definitions;
using Reduction.Workflows.Execution;

namespace Reduction.Server.Tests.Api;

/// <summary>The definitions list's API: a new definition (`POST /api/workflows`, a draft only), the export of a
/// version as a file, the list with drafts, and the import the list page offers (the same service).</summary>
public sealed class WorkflowCatalogApiTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private const string Marker = "SECRET-MARKER-4410";

    private IServiceProvider Services => fixture.Factory.Services;

    private DefinitionStore Store => Services.GetRequiredService<WorkflowRuntime>().Definitions;

    [Fact]
    public async Task Create_NewId201WithDraftETag_SameId409_ListedAsDraftOnly_NotStartableUntilPublished()
    {
        var id = NewId();
        using var admin = SystemAdmin();
        using var operatorClient = fixture.Client();

        using var created = await admin.PostAsJsonAsync("/api/workflows", Definition(id));
        using var again = await admin.PostAsJsonAsync("/api/workflows", Definition(id, name: "第二次"));
        using var read = await admin.GetAsync(new Uri($"/api/workflows/{id}/draft", UriKind.Relative));
        var listed = (await admin.GetFromJsonAsync<JsonArray>("/api/workflows"))!.Single(w => w!["id"]!.GetValue<string>() == id)!;
        using var startRefused = await operatorClient.PostAsJsonAsync($"/api/workflows/{id}/instances", new JsonObject());
        using var published = await admin.PostAsJsonAsync($"/api/workflows/{id}/publish", new { note = "首次发布" });
        using var started = await operatorClient.PostAsJsonAsync($"/api/workflows/{id}/instances", new JsonObject());

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var tag = created.Headers.ETag!.Tag;
        Assert.StartsWith("\"d-", tag, StringComparison.Ordinal);
        Assert.Equal(tag, read.Headers.ETag!.Tag);
        Assert.Equal("目录测试", (await read.Content.ReadFromJsonAsync<JsonObject>())!["name"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("已存在", await MessageAsync(again), StringComparison.Ordinal);
        Assert.Equal("目录测试", (await Store.GetDraftAsync(id))!.Definition.Name);
        Assert.Equal(0, listed["version"]!.GetValue<int>());
        Assert.Null(listed["publishedAt"]);
        Assert.Equal(ApiFixture.SystemAdminUser, listed["draft"]!["changedBy"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.NotFound, startRefused.StatusCode);
        Assert.Contains("尚未发布", await MessageAsync(startRefused), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Created, published.StatusCode);
        Assert.Equal(1, (await published.Content.ReadFromJsonAsync<JsonObject>())!["version"]!.GetValue<int>());
        Assert.Equal(HttpStatusCode.Created, started.StatusCode);

        var audit = await Services.GetRequiredService<AuditLog>().QueryAsync(new AuditQuery(User: ApiFixture.SystemAdminUser, Action: "workflow.create", Take: 1000));
        Assert.Single(audit, e => e.TargetId == id && e.Outcome == AuditOutcomes.Success);
    }

    [Fact]
    public async Task Create_Malformed400_BadId400_Oversize413_Operator403_BodyNeverEchoed_NothingStored()
    {
        var id = NewId();
        using var admin = SystemAdmin();
        using var operatorClient = fixture.Client();

        using var malformed = await PostRawAsync(admin, "{\"id\": \"" + id + "\", \"" + Marker + "\": ");
        using var unknownProperty = await PostRawAsync(admin, "{\"id\": \"" + id + "\", \"name\": \"x\", \"" + Marker + "\": 1}");
        using var badId = await admin.PostAsJsonAsync("/api/workflows", Definition("Bad/" + Marker));
        using var oversize = await PostRawAsync(admin, "{\"id\": \"" + id + "\", \"name\": \"" + new string('x', DefinitionBody.MaxBytes) + Marker + "\"}");
        using var asOperator = await operatorClient.PostAsJsonAsync("/api/workflows", Definition(id));

        foreach (var refused in new[] { malformed, unknownProperty, badId })
        {
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        }

        Assert.Contains("JSON", await MessageAsync(malformed), StringComparison.Ordinal);
        Assert.Contains("小写英文字母", await MessageAsync(badId), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, oversize.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, asOperator.StatusCode);
        foreach (var refused in new[] { malformed, unknownProperty, badId, oversize })
        {
            Assert.DoesNotContain(Marker, await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        Assert.Null(await Store.GetDraftAsync(id));
    }

    [Fact]
    public async Task Export_VersionAndDraft_AttachmentNamedIdVn_UnknownVersionOrDraft404_FileImportsBack()
    {
        var id = NewId();
        await Store.PublishAsync(DefinitionJson.Parse(Definition(id).ToJsonString(), "test"));
        using var admin = SystemAdmin();

        using var noDraft = await admin.GetAsync(new Uri($"/api/workflows/{id}/versions/0/export", UriKind.Relative));
        using var read = await admin.GetAsync(new Uri($"/api/workflows/{id}/draft", UriKind.Relative));
        using var saved = await PutDraftAsync(admin, id, Definition(id, name: "草稿中的新名称"), read.Headers.ETag!.Tag);
        using var v1 = await admin.GetAsync(new Uri($"/api/workflows/{id}/versions/1/export", UriKind.Relative));
        using var draft = await admin.GetAsync(new Uri($"/api/workflows/{id}/versions/0/export", UriKind.Relative));
        using var missing = await admin.GetAsync(new Uri($"/api/workflows/{id}/versions/9/export", UriKind.Relative));
        using var unknown = await admin.GetAsync(new Uri($"/api/workflows/{NewId()}/versions/1/export", UriKind.Relative));
        using var asOperator = await fixture.Client().GetAsync(new Uri($"/api/workflows/{id}/versions/1/export", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, noDraft.StatusCode);
        Assert.Contains("没有草稿", await MessageAsync(noDraft), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Equal(HttpStatusCode.OK, v1.StatusCode);
        Assert.Equal("application/json", v1.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", v1.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal($"{id}-v1.json", v1.Content.Headers.ContentDisposition.FileName?.Trim('"'));
        Assert.Equal($"{id}-v0.json", draft.Content.Headers.ContentDisposition!.FileName?.Trim('"'));
        var version = JsonNode.Parse(await v1.Content.ReadAsStringAsync())!;
        Assert.Equal(id, version["id"]!.GetValue<string>());
        Assert.Equal(1, version["version"]!.GetValue<int>());
        Assert.Equal("目录测试", version["name"]!.GetValue<string>());
        Assert.Equal("草稿中的新名称", JsonNode.Parse(await draft.Content.ReadAsStringAsync())!["name"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Contains("没有版本 9", await MessageAsync(missing), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, asOperator.StatusCode);

        // The exported version, put back as the draft, is what v1 was: the draft API reads the file as it was written.
        using var reread = await admin.GetAsync(new Uri($"/api/workflows/{id}/draft", UriKind.Relative));
        using var back = await PutRawAsync(admin, id, await v1.Content.ReadAsStringAsync(), reread.Headers.ETag!.Tag);
        Assert.Equal(HttpStatusCode.OK, back.StatusCode);
        Assert.Equal("目录测试", (await Store.GetDraftAsync(id))!.Definition.Name);
    }

    [Fact]
    public async Task Import_SomeoneElsesDraft_RefusedNamingThemUntilConfirmed_UnknownIdCreated_OwnDraftReplaced()
    {
        var import = Services.GetRequiredService<DefinitionImport>();
        var alice = new AuditActor("import-alice", "epb", "10.9.0.1");
        var bob = new AuditActor("import-bob", "epb", "10.9.0.2");
        var id = NewId();
        await Store.PublishAsync(DefinitionJson.Parse(Definition(id).ToJsonString(), "test"));

        var onPublished = await import.ImportAsync(File(id, "甲导入"), replaceOthersDraft: false, alice);
        var byAliceAgain = await import.ImportAsync(File(id, "甲再次导入"), replaceOthersDraft: false, alice);
        var unconfirmed = await import.ImportAsync(File(id, "乙导入"), replaceOthersDraft: false, bob);
        var afterRefusal = (await Store.GetDraftAsync(id))!;
        var confirmed = await import.ImportAsync(File(id, "乙确认后导入"), replaceOthersDraft: true, bob);
        var fresh = NewId();
        var created = await import.ImportAsync(File(fresh, "新流程"), replaceOthersDraft: false, bob);
        var garbage = await import.ImportAsync(Encoding.UTF8.GetBytes("{\"id\": \"" + id + "\", \"" + Marker + "\": "), replaceOthersDraft: true, bob);
        var tooLarge = await import.ImportAsync(null, replaceOthersDraft: true, bob);

        Assert.Equal(DefinitionImportOutcome.DraftSaved, onPublished.Outcome);
        Assert.Equal(DefinitionImportOutcome.DraftSaved, byAliceAgain.Outcome);
        Assert.Contains("已替换此前的草稿", byAliceAgain.Message, StringComparison.Ordinal);
        Assert.Equal(DefinitionImportOutcome.NeedsConfirmation, unconfirmed.Outcome);
        Assert.Contains("import-alice", unconfirmed.Message, StringComparison.Ordinal);
        Assert.Contains("替换他人的草稿", unconfirmed.Message, StringComparison.Ordinal);
        Assert.Equal("甲再次导入", afterRefusal.Definition.Name);
        Assert.Equal("import-alice", afterRefusal.ChangedBy);
        Assert.Equal(DefinitionImportOutcome.DraftSaved, confirmed.Outcome);
        Assert.Equal(("乙确认后导入", "import-bob"), ((await Store.GetDraftAsync(id))!.Definition.Name, (await Store.GetDraftAsync(id))!.ChangedBy));
        Assert.Equal(1, (await Store.GetDefinitionAsync(id)).Version);
        Assert.Equal(DefinitionImportOutcome.Created, created.Outcome);
        Assert.True((await Store.GetDraftAsync(fresh))!.IsDraft);
        Assert.Equal(DefinitionImportOutcome.Invalid, garbage.Outcome);
        Assert.StartsWith("文件不是有效的流程定义 JSON", garbage.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Marker, garbage.Message, StringComparison.Ordinal);
        Assert.Equal(DefinitionImportOutcome.TooLarge, tooLarge.Outcome);
        Assert.Contains("1 MB", tooLarge.Message, StringComparison.Ordinal);

        var audit = await Services.GetRequiredService<AuditLog>().QueryAsync(new AuditQuery(Action: "workflow.import", Take: 1000));
        Assert.Equal(3, audit.Count(e => e.TargetId == id && e.Outcome == AuditOutcomes.Success));
        Assert.Contains(await Services.GetRequiredService<AuditLog>().QueryAsync(new AuditQuery(User: "import-bob", Action: "workflow.create", Take: 1000)), e => e.TargetId == fresh);
    }

    [Fact]
    public async Task New_IdAndName_DraftLeadsFromStartToEnd_Valid_DuplicateAndBadInputRefused()
    {
        var import = Services.GetRequiredService<DefinitionImport>();
        var actor = new AuditActor(ApiFixture.SystemAdminUser, "epb", null);
        var id = NewId();

        var created = await import.NewAsync(id, " 年度减排计划报送 ", actor);
        var duplicate = await import.NewAsync(id, "重复", actor);
        var noName = await import.NewAsync(NewId(), "  ", actor);
        var badId = await import.NewAsync("年度计划", "中文标识", actor);

        Assert.Equal(DefinitionImportOutcome.Created, created.Outcome);
        var draft = (await Store.GetDraftAsync(id))!;
        Assert.True(draft.IsDraft);
        Assert.Equal("年度减排计划报送", draft.Definition.Name);
        Assert.Equal(["Start", "End"], draft.Definition.Activities.Select(a => a.Type));
        Assert.Equal([new Connection("start", "done", "end")], draft.Definition.Connections);
        Assert.DoesNotContain(new DefinitionValidator(Services.GetRequiredService<WorkflowRuntime>().Registry).Validate(draft.Definition, id), m => m.IsError);
        Assert.Equal(DefinitionImportOutcome.Exists, duplicate.Outcome);
        Assert.Equal(DefinitionImportOutcome.Invalid, noName.Outcome);
        Assert.Equal(DefinitionImportOutcome.Invalid, badId.Outcome);
        Assert.Equal(DefinitionImport.IdRule, badId.Message);
    }

    private HttpClient SystemAdmin() => fixture.Client(AdminClient.Password, ApiFixture.SystemAdminUser);

    private static string NewId() => "catalog-" + Guid.NewGuid().ToString("N")[..8];

    private static byte[] File(string id, string name) => Encoding.UTF8.GetBytes(Definition(id, name: name).ToJsonString());

    private static JsonObject Definition(string id, string name = "目录测试") => JsonNode.Parse($$"""
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
        """)!.AsObject();

    private static Task<HttpResponseMessage> PostRawAsync(HttpClient client, string body) =>
        client.PostAsync(new Uri("/api/workflows", UriKind.Relative), new StringContent(body, Encoding.UTF8, "application/json"));

    private static Task<HttpResponseMessage> PutDraftAsync(HttpClient client, string id, JsonObject definition, string tag) =>
        PutRawAsync(client, id, definition.ToJsonString(), tag);

    private static Task<HttpResponseMessage> PutRawAsync(HttpClient client, string id, string body, string tag)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, $"/api/workflows/{id}/draft") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation("If-Match", tag);
        return client.SendAsync(request);
    }

    private static async Task<string> MessageAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonObject>())!["message"]!.GetValue<string>();
}
