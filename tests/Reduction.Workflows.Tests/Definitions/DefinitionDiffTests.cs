using Reduction.Workflows.Definitions;

namespace Reduction.Workflows.Tests.Definitions;

public class DefinitionDiffTests
{
    private const string Base = """
        {
          "id": "plan", "version": 1, "name": "年度计划",
          "variables": [{ "name": "year", "type": "number", "default": 2015 }],
          "triggers": [{ "kind": "cron", "cron": "0 9 2 1 *" }],
          "activities": [
            { "id": "start", "type": "Start", "position": { "x": 0, "y": 0 } },
            { "id": "plan", "type": "IssueTask", "inputs": { "taskKind": "annual-plan", "title": "计划", "assignees": "[\"lhasa\"]", "due": "day:03-15",
              "escalation": [{ "after": "days:+0", "recipientRoles": ["epb"] }] } },
            { "id": "end", "type": "End" }
          ],
          "connections": [
            { "from": "start", "outcome": "done", "to": "plan" },
            { "from": "plan", "outcome": "submitted", "to": "end" }
          ]
        }
        """;

    private static WorkflowDefinition Parse(string json) => DefinitionJson.Parse(json, "test");

    /// <summary>The base definition with <paramref name="edit"/> applied to a fresh copy.</summary>
    private static DefinitionDiff DiffAfter(Action<WorkflowDefinition> edit)
    {
        var after = Parse(Base);
        edit(after);
        return DefinitionDiff.Compare(Parse(Base), after);
    }

    [Fact]
    public void Compare_SameContentOtherVersion_IsEmpty()
    {
        var diff = DiffAfter(d => d.Version = 7);

        Assert.True(diff.IsEmpty);
    }

    [Fact]
    public void Compare_InputObjectWithPropertiesReordered_IsEmpty()
    {
        var reordered = Base.Replace(
            """{ "after": "days:+0", "recipientRoles": ["epb"] }""",
            """{ "recipientRoles": ["epb"], "after": "days:+0" }""",
            StringComparison.Ordinal);

        var diff = DefinitionDiff.Compare(Parse(Base), Parse(reordered));

        Assert.True(diff.IsEmpty);
    }

    [Fact]
    public void Compare_InputChangedAddedAndRemoved_ListsInputNames()
    {
        var diff = DiffAfter(d =>
        {
            var plan = d.FindActivity("plan")!;
            plan.Inputs["due"] = Json("\"day:03-31\"");
            plan.Inputs["reminders"] = Json("""[{ "offset": "days:-1" }]""");
            plan.Inputs.Remove("escalation");
        });

        var change = Assert.Single(diff.ChangedActivities);
        Assert.Equal("plan", change.Id);
        Assert.Equal(["due", "escalation", "reminders"], change.ChangedInputs);
        Assert.Null(change.PreviousType);
        Assert.False(change.LayoutOnly);
    }

    [Fact]
    public void Compare_NullInputAgainstAbsentInput_IsEmpty()
    {
        var diff = DiffAfter(d => d.FindActivity("plan")!.Inputs["anchor"] = Json("null"));

        Assert.True(diff.IsEmpty);
    }

    [Fact]
    public void Compare_TypeChanged_ReportsPreviousType()
    {
        var diff = DiffAfter(d => d.FindActivity("end")!.Type = "SendNotice");

        var change = Assert.Single(diff.ChangedActivities);
        Assert.Equal("End", change.PreviousType);
        Assert.Equal("SendNotice", change.Type);
    }

    [Fact]
    public void Compare_OnlyMoved_IsLayoutOnly()
    {
        var diff = DiffAfter(d => d.FindActivity("start")!.Position = new DesignerPosition(40, 80));

        var change = Assert.Single(diff.ChangedActivities);
        Assert.True(change.PositionChanged);
        Assert.True(change.LayoutOnly);
    }

    [Fact]
    public void Compare_ActivityInsertedBetweenTwo_ReportsActivityAndConnections()
    {
        var diff = DiffAfter(d =>
        {
            d.Activities.Insert(2, new ActivityNode { Id = "notify", Type = "SendNotice", Inputs = { ["template"] = Json("\"result\"") } });
            d.Connections.RemoveAt(1);
            d.Connections.Add(new Connection("plan", "submitted", "notify"));
            d.Connections.Add(new Connection("notify", "done", "end"));
        });

        Assert.Equal(["notify"], diff.AddedActivities);
        Assert.Empty(diff.RemovedActivities);
        Assert.Empty(diff.ChangedActivities);
        Assert.Equal([new Connection("plan", "submitted", "notify"), new Connection("notify", "done", "end")], diff.AddedConnections);
        Assert.Equal([new Connection("plan", "submitted", "end")], diff.RemovedConnections);
    }

    [Fact]
    public void Compare_ActivityRemoved_ReportsIt()
    {
        var diff = DiffAfter(d => d.Activities.RemoveAll(a => a.Id == "end"));

        Assert.Equal(["end"], diff.RemovedActivities);
    }

    [Fact]
    public void Compare_VariablesChanged_ReportsByName()
    {
        var diff = DiffAfter(d =>
        {
            d.Variables[0].Default = Json("2016");
            d.Variables.Add(new VariableDefinition { Name = "prefecture" });
        });

        Assert.Equal(["year"], diff.ChangedVariables);
        Assert.Equal(["prefecture"], diff.AddedVariables);
        Assert.Empty(diff.RemovedVariables);
    }

    [Fact]
    public void Compare_CronChanged_ReportsTriggerRemovedAndAdded()
    {
        var diff = DiffAfter(d => d.Triggers[0].Cron = "0 9 5 1 *");

        Assert.Equal("0 9 5 1 *", Assert.Single(diff.AddedTriggers).Cron);
        Assert.Equal("0 9 2 1 *", Assert.Single(diff.RemovedTriggers).Cron);
    }

    [Fact]
    public void Compare_NameChanged_ReportsField()
    {
        var diff = DiffAfter(d => d.Name = "年度减排计划");

        Assert.Equal(["name"], diff.ChangedFields);
    }

    private static System.Text.Json.JsonElement Json(string json) => System.Text.Json.JsonDocument.Parse(json).RootElement.Clone();
}
