using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using Reduction.Workflows.Activities;
using Reduction.Workflows.Definitions;

namespace Reduction.Workflows.Tests.Definitions;

public class ShippedDefinitionsTests
{
    private static readonly JsonDocumentOptions ReadOptions = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    private static JsonSchema Schema() => JsonSchema.FromText(File.ReadAllText(ShippedFiles.SchemaPath));

    private static EvaluationResults Evaluate(string json) =>
        Schema().Evaluate(JsonNode.Parse(json, documentOptions: ReadOptions), new EvaluationOptions { OutputFormat = OutputFormat.List });

    private static string Problems(EvaluationResults results) => string.Join(
        Environment.NewLine,
        (results.Details ?? []).Where(d => d.HasErrors).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Key}: {e.Value}")));

    [Theory]
    [MemberData(nameof(ShippedFiles.Definitions), MemberType = typeof(ShippedFiles))]
    public void ShippedDefinition_Validate_HasNoErrors(string name)
    {
        var messages = new DefinitionValidator(ActivityRegistry.Default).ValidateFile(ShippedFiles.PathOf(name));

        Assert.DoesNotContain(messages, m => m.IsError);
    }

    [Theory]
    [MemberData(nameof(ShippedFiles.Definitions), MemberType = typeof(ShippedFiles))]
    public void ShippedDefinition_SchemaProperty_PointsToShippedSchema(string name)
    {
        var definition = DefinitionJson.Parse(File.ReadAllText(ShippedFiles.PathOf(name)), name);

        Assert.Equal(DefinitionSchema.RelativePath, definition.Schema);
        Assert.True(File.Exists(Path.Combine(ShippedFiles.WorkflowsFolder, definition.Schema!)));
    }

    [Theory]
    [MemberData(nameof(ShippedFiles.Definitions), MemberType = typeof(ShippedFiles))]
    public void ShippedDefinition_Schema_Conforms(string name)
    {
        var results = Evaluate(File.ReadAllText(ShippedFiles.PathOf(name)));

        Assert.True(results.IsValid, Problems(results));
    }

    [Fact]
    public void Schema_AgainstDraft202012MetaSchema_IsValid()
    {
        var results = MetaSchemas.Draft202012.Evaluate(JsonNode.Parse(File.ReadAllText(ShippedFiles.SchemaPath)), new EvaluationOptions { OutputFormat = OutputFormat.List });

        Assert.True(results.IsValid, Problems(results));
    }

    /// <summary>The shipped schema is generated; REDUCTION_UPDATE_GOLDEN=1 rewrites it (same as `reduction workflows schema`).</summary>
    [Fact]
    public void Schema_ShippedFile_MatchesRegistry()
    {
        var generated = DefinitionSchema.ToJson(ActivityRegistry.Default);
        if (Environment.GetEnvironmentVariable("REDUCTION_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(ShippedFiles.SchemaPath, generated, new UTF8Encoding(false));
        }

        Assert.True(
            generated == File.ReadAllText(ShippedFiles.SchemaPath, Encoding.UTF8),
            "workflows/schema/workflow-definition.schema.json is out of date: regenerate it with "
                + "`reduction workflows schema > workflows/schema/workflow-definition.schema.json` (or REDUCTION_UPDATE_GOLDEN=1)");
    }

    [Theory]
    [InlineData("""{ "id": "x", "type": "SendNotice", "inputs": { "template": "result", "recipients": ["epb"] } }""", "unknown input")]
    [InlineData("""{ "id": "x", "type": "SendNotice", "inputs": { "recipientRoles": ["epb"] } }""", "missing required input")]
    [InlineData("""{ "id": "x", "type": "SendNotice", "inputs": { "template": "result", "recipientRoles": ["police"] } }""", "unknown role")]
    [InlineData("""{ "id": "x", "type": "WaitUntil", "inputs": { "rule": "day:3-15" } }""", "malformed deadline rule")]
    [InlineData("""{ "id": "x", "type": "IssueTask", "inputs": { "taskKind": "k", "title": "t", "assignees": "[]", "due": "day:03-15", "reminders": [{ "offset": "days:-1", "when": "soon" }] } }""", "unknown reminder field")]
    [InlineData("""{ "id": "x", "type": "Wait" }""", "unknown type")]
    public void Schema_BrokenActivity_IsRejected(string activity, string because)
    {
        var json = $$"""{ "id": "t", "name": "测试", "activities": [{{activity}}], "connections": [] }""";

        Assert.False(Evaluate(json).IsValid, because);
    }

    [Fact]
    public void Schema_UnknownTopLevelProperty_IsRejected()
    {
        Assert.False(Evaluate("""{ "id": "t", "name": "测试", "steps": [] }""").IsValid);
    }
}
