using Reduction.Workflows.Activities;
using Reduction.Workflows.Definitions;

namespace Reduction.Workflows.Tests.Definitions;

public class DefinitionValidatorTests
{
    private const string File = "test.json";

    private const string StartToEnd = """
        [{ "from": "start", "outcome": "done", "to": "x" }, { "from": "x", "outcome": "done", "to": "end" }]
        """;

    /// <summary>Validates Start → x → End where x is <paramref name="activity"/> (id "x"), or any activities and connections given.</summary>
    private static IReadOnlyList<ValidationMessage> ValidateFlow(string activity, string? connections = null, string? activities = null, string extra = "")
    {
        var json = $$"""
            {
              "id": "t", "name": "测试", {{extra}}
              "activities": {{activities ?? $$"""[{ "id": "start", "type": "Start" }, {{activity}}, { "id": "end", "type": "End" }]"""}},
              "connections": {{connections ?? StartToEnd}}
            }
            """;
        return new DefinitionValidator(ActivityRegistry.Default).Validate(DefinitionJson.Parse(json, File), File);
    }

    private static ValidationMessage SingleError(IReadOnlyList<ValidationMessage> messages, string? activityId, string? property)
    {
        var error = Assert.Single(messages, m => m.IsError);
        Assert.Equal(File, error.File);
        Assert.Equal(activityId, error.ActivityId);
        Assert.Equal(property, error.Property);
        Assert.Contains(" / ", error.Message, StringComparison.Ordinal);
        return error;
    }

    [Fact]
    public void Validate_MinimalFlow_NoMessages()
    {
        var messages = ValidateFlow("""{ "id": "x", "type": "SendNotice", "inputs": { "template": "result", "recipientRoles": ["epb"] } }""");

        Assert.Empty(messages);
    }

    [Fact]
    public void Validate_EmptyActivityId_ReportsItsIndex()
    {
        var messages = ValidateFlow("""{ "id": "", "type": "Start" }""", connections: "[]",
            activities: """[{ "id": "start", "type": "Start" }, { "id": "", "type": "End" }]""");

        SingleError(messages, null, "activities[1].id");
    }

    [Fact]
    public void Validate_DuplicateActivityId_ReportsTheId()
    {
        var messages = ValidateFlow("""{ "id": "end", "type": "End" }""", connections: """[{ "from": "start", "outcome": "done", "to": "end" }]""");

        var error = SingleError(messages, "end", "id");
        Assert.Contains("重复", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_UnknownType_ReportsType()
    {
        var messages = ValidateFlow("""{ "id": "x", "type": "SendMail" }""");

        var error = SingleError(messages, "x", "type");
        Assert.Contains("SendMail", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_MissingRequiredInput_ReportsInput()
    {
        var messages = ValidateFlow("""{ "id": "x", "type": "SendNotice", "inputs": { "recipientRoles": ["epb"] } }""");

        SingleError(messages, "x", "template");
    }

    [Fact]
    public void Validate_BlankRequiredInput_ReportsInput()
    {
        var messages = ValidateFlow("""{ "id": "x", "type": "SendNotice", "inputs": { "template": " " } }""");

        SingleError(messages, "x", "template");
    }

    [Fact]
    public void Validate_MistypedInput_ReportsInput()
    {
        var messages = ValidateFlow("""{ "id": "x", "type": "Join", "inputs": { "mode": "count", "count": "many" } }""");

        var error = SingleError(messages, "x", "count");
        Assert.Contains("integer", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_UnknownFieldInReminder_ReportsReminders()
    {
        var messages = ValidateFlow("""
            { "id": "x", "type": "IssueTask", "inputs": { "taskKind": "annual-plan", "title": "计划", "assignees": "[\"lhasa\"]",
              "due": "day:03-15", "reminders": [{ "ofset": "days:-1" }] } }
            """, connections: """
            [{ "from": "start", "outcome": "done", "to": "x" }, { "from": "x", "outcome": "submitted", "to": "end" }]
            """);

        SingleError(messages, "x", "reminders");
    }

    [Fact]
    public void Validate_UnknownInputName_ReportsTheName()
    {
        var messages = ValidateFlow("""{ "id": "x", "type": "SendNotice", "inputs": { "template": "result", "recipients": ["epb"] } }""");

        var error = SingleError(messages, "x", "recipients");
        Assert.Contains("recipientRoles", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ExpressionDoesNotParse_ReportsInput()
    {
        var messages = ValidateFlow("""{ "id": "x", "type": "If", "inputs": { "condition": "year >=" } }""", connections: """
            [{ "from": "start", "outcome": "done", "to": "x" }, { "from": "x", "outcome": "true", "to": "end" }]
            """);

        var error = SingleError(messages, "x", "condition");
        Assert.Contains("year >=", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_TemplateDoesNotParse_ReportsInput()
    {
        var messages = ValidateFlow("""{ "id": "x", "type": "WaitForSignal", "inputs": { "signal": "reviewed", "correlation": "{{ prefecture + }}" } }""");

        SingleError(messages, "x", "correlation");
    }

    [Fact]
    public void Validate_TemplateInJsonInputDoesNotParse_ReportsPath()
    {
        var messages = ValidateFlow("""{ "id": "x", "type": "SendNotice", "inputs": { "template": "result", "model": { "lines": ["ok", "{{ year + }}"] } } }""");

        SingleError(messages, "x", "model.lines[1]");
    }

    [Fact]
    public void Validate_SwitchConditionDoesNotParse_ReportsCase()
    {
        var messages = ValidateFlow("""
            { "id": "x", "type": "Switch", "inputs": { "cases": [{ "name": "pass", "condition": "verdict ==" }] } }
            """, connections: """
            [{ "from": "start", "outcome": "done", "to": "x" }, { "from": "x", "outcome": "pass", "to": "end" }]
            """);

        SingleError(messages, "x", "cases[0].condition");
    }

    [Fact]
    public void Validate_DeadlineRuleDoesNotParse_ReportsDue()
    {
        var messages = ValidateFlow(TaskNode(due: "day:3-15"), TaskConnections);

        var error = SingleError(messages, "x", "due");
        Assert.Contains("day:3-15", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ReminderOffsetDoesNotParse_ReportsOffset()
    {
        var messages = ValidateFlow(TaskNode(reminders: """[{ "offset": "workdays:-3" }, { "offset": "workday:-1" }]"""), TaskConnections);

        SingleError(messages, "x", "reminders[1].offset");
    }

    [Fact]
    public void Validate_ReminderWithoutOffset_ReportsOffset()
    {
        var messages = ValidateFlow(TaskNode(reminders: """[{ "at": "10:00" }]"""), TaskConnections);

        SingleError(messages, "x", "reminders[0].offset");
    }

    [Fact]
    public void Validate_EscalationAfterDoesNotParse_ReportsAfter()
    {
        var messages = ValidateFlow(TaskNode(escalation: """[{ "after": "+3 workdays", "recipientRoles": ["epb"] }]"""), TaskConnections);

        SingleError(messages, "x", "escalation[0].after");
    }

    [Fact]
    public void Validate_UnknownRoleInRolesInput_ReportsItem()
    {
        var messages = ValidateFlow("""{ "id": "x", "type": "SendNotice", "inputs": { "template": "result", "recipientRoles": ["epb", "police"] } }""");

        var error = SingleError(messages, "x", "recipientRoles[1]");
        Assert.Contains("police", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_UnknownRoleInEscalation_ReportsRecipientRoles()
    {
        var messages = ValidateFlow(TaskNode(escalation: """[{ "after": "days:+0", "recipientRoles": ["supervisor"] }]"""), TaskConnections);

        SingleError(messages, "x", "escalation[0].recipientRoles[0]");
    }

    [Fact]
    public void Validate_EscalationTimeOfDayInvalid_ReportsAt()
    {
        var messages = ValidateFlow(TaskNode(escalation: """[{ "after": "days:+1", "recipientRoles": ["epb"], "at": "9am" }]"""), TaskConnections);

        SingleError(messages, "x", "escalation[0].at");
    }

    [Fact]
    public void Validate_ReassignWithoutTarget_ReportsReassignTo()
    {
        var messages = ValidateFlow(TaskNode(escalation: """[{ "after": "days:+1", "recipientRoles": ["epb"], "action": "reassign" }]"""), TaskConnections);

        SingleError(messages, "x", "escalation[0].reassignTo");
    }

    [Fact]
    public void Validate_SelectValueNotAnOption_ReportsInput()
    {
        var messages = ValidateFlow("""{ "id": "x", "type": "Join", "inputs": { "mode": "most" } }""");

        SingleError(messages, "x", "mode");
    }

    [Fact]
    public void Validate_DurationNotIso8601_ReportsDuration()
    {
        var messages = ValidateFlow("""{ "id": "x", "type": "Delay", "inputs": { "duration": "3 days" } }""");

        SingleError(messages, "x", "duration");
    }

    [Fact]
    public void Validate_ConnectionFromMissingActivity_ReportsFrom()
    {
        var messages = ValidateFlow("""{ "id": "x", "type": "Start" }""", activities: """[{ "id": "start", "type": "Start" }, { "id": "end", "type": "End" }]""",
            connections: """[{ "from": "start", "outcome": "done", "to": "end" }, { "from": "ghost", "outcome": "done", "to": "end" }]""");

        var error = SingleError(messages, null, "connections[1].from");
        Assert.Contains("ghost", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ConnectionToMissingActivity_ReportsTo()
    {
        var messages = ValidateFlow("""{ "id": "x", "type": "Start" }""", activities: """[{ "id": "start", "type": "Start" }, { "id": "end", "type": "End" }]""",
            connections: """[{ "from": "start", "outcome": "done", "to": "end" }, { "from": "start", "outcome": "done", "to": "ghost" }]""");

        SingleError(messages, "start", "connections[1].to");
    }

    [Fact]
    public void Validate_OutcomeTheSourceDoesNotHave_ReportsOutcome()
    {
        var messages = ValidateFlow(TaskNode(), """
            [{ "from": "start", "outcome": "done", "to": "x" }, { "from": "x", "outcome": "done", "to": "end" }]
            """);

        var error = SingleError(messages, "x", "connections[1].outcome");
        Assert.Contains("submitted", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_DynamicOutcomeOfFork_Accepted()
    {
        var messages = ValidateFlow("""{ "id": "x", "type": "Fork", "inputs": { "branches": ["plan", "selfCheck"] } }""", """
            [{ "from": "start", "outcome": "done", "to": "x" }, { "from": "x", "outcome": "plan", "to": "end" }, { "from": "x", "outcome": "selfCheck", "to": "end" }]
            """);

        Assert.Empty(messages);
    }

    [Fact]
    public void Validate_DuplicateBranchName_ReportsBranch()
    {
        var messages = ValidateFlow("""{ "id": "x", "type": "Fork", "inputs": { "branches": ["plan", "plan"] } }""", """
            [{ "from": "start", "outcome": "done", "to": "x" }, { "from": "x", "outcome": "plan", "to": "end" }]
            """);

        SingleError(messages, "x", "branches[1]");
    }

    [Fact]
    public void Validate_DuplicateConnection_ReportsSecond()
    {
        var messages = ValidateFlow("""{ "id": "x", "type": "Start" }""", activities: """[{ "id": "start", "type": "Start" }, { "id": "end", "type": "End" }]""",
            connections: """[{ "from": "start", "outcome": "done", "to": "end" }, { "from": "start", "outcome": "done", "to": "end" }]""");

        SingleError(messages, "start", "connections[1]");
    }

    [Fact]
    public void Validate_NoStart_ReportsActivities()
    {
        var messages = ValidateFlow("", activities: """
            [{ "id": "a", "type": "WaitForSignal", "inputs": { "signal": "s" } }, { "id": "b", "type": "WaitForSignal", "inputs": { "signal": "t" } }]
            """, connections: """[{ "from": "a", "outcome": "done", "to": "b" }, { "from": "b", "outcome": "done", "to": "a" }]""");

        SingleError(messages, null, "activities");
    }

    [Fact]
    public void Validate_WithoutStartActivity_StartsAtActivityWithoutInbound()
    {
        var messages = ValidateFlow("", activities: """[{ "id": "first", "type": "SetVariable", "inputs": { "name": "n", "value": 1 } }, { "id": "end", "type": "End" }]""",
            connections: """[{ "from": "first", "outcome": "done", "to": "end" }]""");

        Assert.Empty(messages);
    }

    [Fact]
    public void Validate_UnreachableActivity_ReportsIt()
    {
        var messages = ValidateFlow("""{ "id": "x", "type": "SendNotice", "inputs": { "template": "result" } }""",
            connections: """[{ "from": "start", "outcome": "done", "to": "end" }, { "from": "x", "outcome": "done", "to": "end" }]""");

        var error = SingleError(messages, "x", null);
        Assert.Contains("start", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_TaskWithoutDue_ReportsNoDeadline()
    {
        var messages = ValidateFlow(TaskNode(due: null), TaskConnections);

        var error = SingleError(messages, "x", "due");
        Assert.Contains("期限", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_WaitUntilWithoutRuleOrInstant_ReportsNoDeadline()
    {
        var messages = ValidateFlow("""{ "id": "x", "type": "WaitUntil", "inputs": { "at": "end" } }""");

        SingleError(messages, "x", "rule");
    }

    [Fact]
    public void Validate_WaitUntilWithRuleAndInstant_WarnsOnly()
    {
        var messages = ValidateFlow("""{ "id": "x", "type": "WaitUntil", "inputs": { "rule": "day:03-15", "instant": "due_at" } }""");

        var warning = Assert.Single(messages);
        Assert.False(warning.IsError);
        Assert.Equal("rule", warning.Property);
    }

    [Fact]
    public void Validate_DelayWithoutDuration_ReportsNoDeadline()
    {
        var messages = ValidateFlow("""{ "id": "x", "type": "Delay" }""");

        SingleError(messages, "x", "duration");
    }

    [Fact]
    public void Validate_CycleWithoutWait_ReportsCycleIds()
    {
        var messages = ValidateFlow("", activities: """
            [{ "id": "start", "type": "Start" },
             { "id": "count", "type": "SetVariable", "inputs": { "name": "n", "expression": "n + 1" } },
             { "id": "check", "type": "If", "inputs": { "condition": "n < 3" } },
             { "id": "end", "type": "End" }]
            """, connections: """
            [{ "from": "start", "outcome": "done", "to": "count" }, { "from": "count", "outcome": "done", "to": "check" },
             { "from": "check", "outcome": "true", "to": "count" }, { "from": "check", "outcome": "false", "to": "end" }]
            """);

        var error = SingleError(messages, "count", null);
        Assert.Contains("count → check → count", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_SelfLoopWithoutWait_ReportsCycle()
    {
        var messages = ValidateFlow("""{ "id": "x", "type": "If", "inputs": { "condition": "true" } }""", """
            [{ "from": "start", "outcome": "done", "to": "x" }, { "from": "x", "outcome": "true", "to": "x" }, { "from": "x", "outcome": "false", "to": "end" }]
            """);

        var error = SingleError(messages, "x", null);
        Assert.Contains("x → x", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_CycleThroughWaitingActivity_NoMessage()
    {
        var messages = ValidateFlow("", activities: """
            [{ "id": "start", "type": "Start" },
             { "id": "check", "type": "If", "inputs": { "condition": "done" } },
             { "id": "pause", "type": "Delay", "inputs": { "duration": "P1D" } },
             { "id": "end", "type": "End" }]
            """, connections: """
            [{ "from": "start", "outcome": "done", "to": "check" }, { "from": "check", "outcome": "false", "to": "pause" },
             { "from": "pause", "outcome": "done", "to": "check" }, { "from": "check", "outcome": "true", "to": "end" }]
            """);

        Assert.Empty(messages);
    }

    [Fact]
    public void Validate_InnerCycleAvoidingTheWait_ReportsInnerCycle()
    {
        var messages = ValidateFlow("", activities: """
            [{ "id": "start", "type": "Start" },
             { "id": "a", "type": "If", "inputs": { "condition": "x" } },
             { "id": "b", "type": "If", "inputs": { "condition": "y" } },
             { "id": "pause", "type": "Delay", "inputs": { "duration": "P1D" } },
             { "id": "end", "type": "End" }]
            """, connections: """
            [{ "from": "start", "outcome": "done", "to": "a" }, { "from": "a", "outcome": "true", "to": "b" },
             { "from": "b", "outcome": "true", "to": "a" }, { "from": "a", "outcome": "false", "to": "pause" },
             { "from": "pause", "outcome": "done", "to": "a" }, { "from": "b", "outcome": "false", "to": "end" }]
            """);

        var error = SingleError(messages, "a", null);
        Assert.Contains("a → b → a", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_UnknownTriggerKind_ReportsKind()
    {
        var messages = ValidateFlow(Notice, extra: """ "triggers": [{ "kind": "manual" }, { "kind": "webhook" }], """);

        SingleError(messages, null, "triggers[1].kind");
    }

    [Fact]
    public void Validate_CronThatDoesNotParse_ReportsCron()
    {
        var messages = ValidateFlow(Notice, extra: """ "triggers": [{ "kind": "cron", "cron": "0 9 32 1 *" }], """);

        SingleError(messages, null, "triggers[0].cron");
    }

    [Fact]
    public void Validate_CronTriggerWithoutExpression_ReportsCron()
    {
        var messages = ValidateFlow(Notice, extra: """ "triggers": [{ "kind": "cron" }], """);

        SingleError(messages, null, "triggers[0].cron");
    }

    [Fact]
    public void Validate_YearlyCronInShanghai_NoMessage()
    {
        var messages = ValidateFlow(Notice, extra: """
            "triggers": [{ "kind": "cron", "cron": "0 9 2 1 *", "timeZone": "Asia/Shanghai", "correlationKey": "cycle:{{ trigger.year }}", "input": { "year": "{{ trigger.year - 1 }}" } }],
            """);

        Assert.Empty(messages);
    }

    [Fact]
    public void Validate_UnknownTimeZone_ReportsTimeZone()
    {
        var messages = ValidateFlow(Notice, extra: """ "triggers": [{ "kind": "cron", "cron": "0 9 2 1 *", "timeZone": "Asia/Lhasa-Time" }], """);

        SingleError(messages, null, "triggers[0].timeZone");
    }

    [Fact]
    public void Validate_TriggerInputTemplateDoesNotParse_ReportsInput()
    {
        var messages = ValidateFlow(Notice, extra: """ "triggers": [{ "kind": "cron", "cron": "0 9 2 1 *", "input": { "year": "{{ trigger.year + }}" } }], """);

        SingleError(messages, null, "triggers[0].input.year");
    }

    [Fact]
    public void Validate_SignalTriggerWithoutName_ReportsSignal()
    {
        var messages = ValidateFlow(Notice, extra: """ "triggers": [{ "kind": "signal" }], """);

        SingleError(messages, null, "triggers[0].signal");
    }

    [Fact]
    public void Validate_DuplicateVariable_ReportsSecond()
    {
        var messages = ValidateFlow(Notice, extra: """ "variables": [{ "name": "year", "type": "number" }, { "name": "year" }], """);

        var error = SingleError(messages, null, "variables[1].name");
        Assert.Contains("year", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_VariableDefaultOfOtherType_WarnsOnly()
    {
        var messages = ValidateFlow(Notice, extra: """ "variables": [{ "name": "year", "type": "number", "default": "2015" }], """);

        var warning = Assert.Single(messages);
        Assert.False(warning.IsError);
        Assert.Equal("variables[0].default", warning.Property);
    }

    [Fact]
    public void Validate_OutcomeWithoutConnection_NoMessage()
    {
        var messages = ValidateFlow(TaskNode(), TaskConnections);

        Assert.Empty(messages);
    }

    [Fact]
    public void Validate_NoActivities_ReportsOnce()
    {
        var messages = ValidateFlow("", activities: "[]", connections: "[]");

        SingleError(messages, null, "activities");
    }

    [Fact]
    public void ValidateFile_MalformedJson_ReturnsOneMessage()
    {
        var path = Path.Combine(Path.GetTempPath(), $"broken-{Guid.NewGuid():N}.json");
        System.IO.File.WriteAllText(path, """{ "id": "t", "name": "测试", "activities": [ """);
        try
        {
            var messages = new DefinitionValidator(ActivityRegistry.Default).ValidateFile(path);

            var error = Assert.Single(messages);
            Assert.True(error.IsError);
            Assert.Equal(path, error.File);
            Assert.Null(error.ActivityId);
            Assert.Contains("JSON", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            System.IO.File.Delete(path);
        }
    }

    [Fact]
    public void ValidateFile_UnknownTopLevelProperty_ReturnsOneMessage()
    {
        var path = Path.Combine(Path.GetTempPath(), $"unknown-{Guid.NewGuid():N}.json");
        System.IO.File.WriteAllText(path, """{ "id": "t", "name": "测试", "steps": [] }""");
        try
        {
            var error = Assert.Single(new DefinitionValidator(ActivityRegistry.Default).ValidateFile(path));

            Assert.Contains("steps", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            System.IO.File.Delete(path);
        }
    }

    private const string Notice = """{ "id": "x", "type": "SendNotice", "inputs": { "template": "result" } }""";

    private const string TaskConnections = """
        [{ "from": "start", "outcome": "done", "to": "x" }, { "from": "x", "outcome": "submitted", "to": "end" }]
        """;

    private static string TaskNode(string? due = "day:03-15", string reminders = "[]", string escalation = "[]")
    {
        var dueInput = due is null ? string.Empty : $"\"due\": \"{due}\",";
        return $$$"""
            { "id": "x", "type": "IssueTask", "inputs": { "taskKind": "annual-plan", "title": "{{ year }}年度计划", "assignees": "[\"lhasa\"]",
              {{{dueInput}}} "reminders": {{{reminders}}}, "escalation": {{{escalation}}} } }
            """;
    }
}
