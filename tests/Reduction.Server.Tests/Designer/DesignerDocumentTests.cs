using System.Text.Json;
using Reduction.Server.Workflows.Design;
using Reduction.Workflows.Activities;
using Reduction.Workflows.Definitions;

namespace Reduction.Server.Tests.Designer;

/// <summary>The designer's edits on the definition itself: undo and redo, connections (one target per outcome),
/// removal with its connections, copy and paste between definitions with new ids, the layered layout, and inputs
/// whose change removes outcomes.</summary>
public sealed class DesignerDocumentTests
{
    private static DesignerDocument New() => new(new WorkflowDefinition
    {
        Id = "small",
        Name = "小流程",
        Activities =
        [
            new ActivityNode { Id = "start", Type = "Start" },
            new ActivityNode { Id = "task", Type = "IssueTask" },
            new ActivityNode { Id = "end", Type = "End" },
        ],
        Connections = [new Connection("start", "done", "task"), new Connection("task", "submitted", "end")],
    }, ActivityRegistry.Default);

    [Fact]
    public void UndoRedo_StepByStep()
    {
        var document = New();
        document.Connect("task", "overdue", "end");
        document.Remove(["end"]);

        Assert.Single(document.Definition.Connections);
        Assert.True(document.Undo());
        Assert.Equal(3, document.Definition.Connections.Count);
        Assert.True(document.Undo());
        Assert.Equal(2, document.Definition.Connections.Count);
        Assert.False(document.Undo());
        Assert.True(document.Redo());
        Assert.Equal(3, document.Definition.Connections.Count);

        // A new edit after an undo drops what could be redone.
        document.Disconnect("task", "overdue");
        Assert.False(document.CanRedo);
    }

    [Fact]
    public void Connect_AnOutcomeLeadsToOneActivity()
    {
        var document = New();
        document.Add("End", new DesignerPosition(500, 0));

        Assert.True(document.Connect("task", "submitted", "end1"));
        Assert.False(document.Connect("task", "submitted", "end1"));
        Assert.Equal("end1", Assert.Single(document.Definition.Connections, c => c.From == "task").To);
    }

    [Fact]
    public void CopyPaste_IntoAnotherDefinition_NewIdsAndInnerConnectionsOnly()
    {
        var source = New();
        source.SetInput("task", "due", JsonSerializer.SerializeToElement("day:03-15"));
        var clip = source.Copy(["task", "end"]);
        var target = New();

        var pasted = target.Paste(clip);

        Assert.Equal(["issueTask1", "end1"], pasted);
        Assert.Equal(5, target.Definition.Activities.Count);
        Assert.Equal("day:03-15", target.Find("issueTask1")!.Inputs["due"].GetString());
        Assert.Contains(target.Definition.Connections, c => c == new Connection("issueTask1", "submitted", "end1"));
        Assert.DoesNotContain(target.Definition.Connections, c => c.To == "issueTask1");
        Assert.Empty(target.Paste("{ not json"));
    }

    [Fact]
    public void Rename_UpdatesConnections_RefusesTakenAndMalformedIds()
    {
        var document = New();

        Assert.NotNull(document.Rename("task", "end"));
        Assert.NotNull(document.Rename("task", "计划"));
        Assert.Null(document.Rename("task", "plan"));
        Assert.Contains(document.Definition.Connections, c => c == new Connection("start", "done", "plan"));
        Assert.Contains(document.Definition.Connections, c => c == new Connection("plan", "submitted", "end"));
    }

    [Fact]
    public void ForkBranchRemoved_ItsConnectionGoes()
    {
        var document = New();
        var fork = document.Add("Fork", new DesignerPosition(0, 0));
        document.SetInput(fork.Id, "branches", JsonSerializer.SerializeToElement(new[] { "a", "b" }));
        document.Connect(fork.Id, "a", "task");
        document.Connect(fork.Id, "b", "end");

        document.SetInput(fork.Id, "branches", JsonSerializer.SerializeToElement(new[] { "a" }));

        Assert.Contains(document.Definition.Connections, c => c.From == fork.Id && c.Outcome == "a");
        Assert.DoesNotContain(document.Definition.Connections, c => c.From == fork.Id && c.Outcome == "b");
    }

    [Fact]
    public void AutoLayout_ColumnsFollowTheFlow_LoopsIgnored()
    {
        var document = New();
        document.Connect("task", "overdue", "task");
        Assert.True(document.NeedsLayout);

        document.AutoLayout();

        var x = document.Definition.Activities.ToDictionary(a => a.Id, a => a.Position!.X);
        Assert.True(x["start"] < x["task"] && x["task"] < x["end"]);
        Assert.False(document.NeedsLayout);
    }

    [Fact]
    public void Move_IsOneUndoStep_AndNoChangeWhenNothingMoved()
    {
        var document = New();
        document.AutoLayout();
        var revision = document.Revision;
        document.Move(new Dictionary<string, DesignerPosition> { ["task"] = document.Find("task")!.Position! });
        Assert.Equal(revision, document.Revision);

        document.Move(new Dictionary<string, DesignerPosition> { ["task"] = new(900, 900), ["end"] = new(1200, 900) });
        document.Undo();

        Assert.NotEqual(new DesignerPosition(900, 900), document.Find("task")!.Position);
    }
}
