using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Reduction.Identity.Accounts;
using Reduction.Server.Tests.Console;

namespace Reduction.Server.Tests.Operations;

/// <summary>A small definition of the tests' own, published and started on the drill clock of <see cref="ActionsServer"/>: one self-check task each
/// for 拉萨市 and 日喀则市, due 15 December 2026, with a reminder three working days before and an escalation to the
/// EPB at the deadline; <see cref="Api"/> is the operator's client, <see cref="Tasks"/> the task ids by party.</summary>
public sealed record TwoPartyWorkflow(string Operator, HttpClient Api, Guid Instance, Dictionary<string, string> Tasks)
{
    public static async Task<TwoPartyWorkflow> StartAsync(ConsoleServer server)
    {
        var admin = await server.AddAccountAsync("designer", "epb", [AccountRoles.SystemAdmin]);
        using var adminApi = await server.ApiAsync(admin);
        var id = "actions-" + Guid.NewGuid().ToString("N")[..6];
        var definition = JsonNode.Parse($$"""
            {
              "id": "{{id}}", "name": "任务操作接口", "variables": [{ "name": "year", "type": "number", "default": 2026 }],
              "triggers": [{ "kind": "manual" }],
              "activities": [
                { "id": "start", "type": "Start" },
                { "id": "check", "type": "IssueTask", "inputs": {
                    "taskKind": "self-check", "title": "2026年度自查报告",
                    "assignees": "['lhasa', 'shigatse']", "due": "day:12-15", "allowReturn": true,
                    "reminders": [ { "offset": "workdays:-3" } ],
                    "escalation": [ { "after": "days:+0", "recipientRoles": ["epb"], "template": "overdue", "includeAssignee": true } ] } },
                { "id": "end", "type": "End" }
              ],
              "connections": [ { "from": "start", "outcome": "done", "to": "check" }, { "from": "check", "outcome": "submitted", "to": "end" } ]
            }
            """)!;
        using (var created = await adminApi.PostAsJsonAsync("/api/workflows", definition))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        using (var published = await adminApi.PostAsJsonAsync($"/api/workflows/{id}/publish", new { note = "任务操作接口测试" }))
        {
            Assert.True(published.IsSuccessStatusCode, await published.Content.ReadAsStringAsync());
        }

        var operatorUser = await server.AddAccountAsync("operator", "epb", [AccountRoles.Operator]);
        var api = await server.ApiAsync(operatorUser);
        using var started = await api.PostAsJsonAsync($"/api/workflows/{id}/instances", new { variables = new { year = 2026 } });
        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        var instance = (await started.Content.ReadFromJsonAsync<JsonObject>())!["instanceId"]!.GetValue<string>();
        var list = (await api.GetFromJsonAsync<JsonArray>(new Uri($"/api/tasks?instance={instance}", UriKind.Relative)))!;
        return new TwoPartyWorkflow(operatorUser, api, Guid.Parse(instance), list.ToDictionary(t => t!["assigneePartyId"]!.GetValue<string>(), t => t!["id"]!.GetValue<string>()));
    }
}
