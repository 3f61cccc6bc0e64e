using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Reduction.Server.Tests.Support;

namespace Reduction.Server.Tests.Api;

/// <summary>Every instant the API returns is Beijing time with its offset, as the CLI's JSON is.</summary>
public sealed partial class ApiInstantTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Api_EveryInstant_Iso8601WithTheBeijingOffset()
    {
        using var client = fixture.Client();
        using var started = await client.PostAsJsonAsync("/api/workflows/answer-drill/instances", new JsonObject
        {
            ["variables"] = new JsonObject { ["year"] = 2026, ["parties"] = new JsonArray("nyingchi") },
        });
        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        var instanceId = (await started.Content.ReadFromJsonAsync<JsonObject>())!["instanceId"]!.GetValue<string>();
        var tasks = await Eventually.ReturnsAsync(
            async () => (await client.GetFromJsonAsync<JsonArray>($"/api/tasks?instance={instanceId}")) is { Count: > 0 } found ? found : null,
            Patience,
            "the drill's task");
        var taskId = tasks[0]!["id"]!.GetValue<string>();

        var answers = new Dictionary<string, JsonNode>
        {
            ["tasks"] = tasks,
            ["task"] = (await client.GetFromJsonAsync<JsonNode>($"/api/tasks/{taskId}"))!,
            ["instances"] = (await client.GetFromJsonAsync<JsonNode>("/api/instances?definition=answer-drill"))!,
            ["instance"] = (await client.GetFromJsonAsync<JsonNode>($"/api/instances/{instanceId}"))!,
            ["workflows"] = (await client.GetFromJsonAsync<JsonNode>("/api/workflows"))!,
            ["clock"] = (await client.GetFromJsonAsync<JsonNode>("/api/clock"))!,
        };

        var instants = answers.SelectMany(a => Instants(a.Value).Select(i => (Answer: a.Key, i.Path, i.Text))).ToList();
        Assert.Contains(instants, i => i.Path.EndsWith("dueAt", StringComparison.Ordinal));
        Assert.Contains(instants, i => i.Path.EndsWith(".at", StringComparison.Ordinal));
        Assert.Contains(instants, i => i.Path.EndsWith("publishedAt", StringComparison.Ordinal));
        Assert.Contains(instants, i => i.Answer == "clock" && i.Path.EndsWith("now", StringComparison.Ordinal));
        Assert.All(instants, i => Assert.True(
            i.Text.EndsWith("+08:00", StringComparison.Ordinal)
                && DateTimeOffset.TryParseExact(i.Text, "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
            $"{i.Answer} {i.Path} = {i.Text}"));

        // The same instant, only shown in Beijing time: the clock's now is within a minute of the real one.
        var now = DateTimeOffset.Parse(answers["clock"]["now"]!.GetValue<string>(), CultureInfo.InvariantCulture);
        Assert.InRange(now, DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddMinutes(1));
    }

    /// <summary>Every string of the answer that looks like a date and time, with its path.</summary>
    private static IEnumerable<(string Path, string Text)> Instants(JsonNode? node, string path = "$")
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj)
                {
                    foreach (var found in Instants(value, $"{path}.{key}"))
                    {
                        yield return found;
                    }
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    foreach (var found in Instants(array[i], $"{path}[{i}]"))
                    {
                        yield return found;
                    }
                }

                break;
            case JsonValue value when value.TryGetValue<string>(out var text) && DateAndTime().IsMatch(text):
                yield return (path, text);
                break;
        }
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")]
    private static partial Regex DateAndTime();
}
