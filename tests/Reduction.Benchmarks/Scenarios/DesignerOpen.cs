using System.Diagnostics;
using System.Globalization;
using Blazor.Diagrams.Core.Geometry;
using Bunit;
using Microsoft.AspNetCore.Components;
using Reduction.Benchmarks.Support;
using Reduction.Server.Components.Pages.Console.Workflows;
using Reduction.Server.Workflows.Design;
using Reduction.Testing;
using Reduction.Workflows.Activities;
using Reduction.Workflows.Definitions;

namespace Reduction.Benchmarks.Scenarios;

/// <summary>(k) Opening a definition in the designer, server side: parse the draft, build the designer's document,
/// validate it and render the canvas with every activity (Blazor's server renderer, interactive, driven by bunit with
/// the browser's measurements stubbed) against loading the same definition without the designer (parse and
/// serialise, what the draft API does). Reading the draft row is the same in both and left out of both, which makes
/// the ratio stricter. For the largest shipped definition (annual-cycle) and a generated 200-activity chain.</summary>
internal static class DesignerOpen
{
    private const int WarmUp = 5;

    public static Task RunAsync(BenchmarkSizes sizes, ResultTable table, CancellationToken cancellationToken)
    {
        var shipped = File.ReadAllText(Path.Combine(RepoPaths.Root, "workflows", "annual-cycle.json"));
        var generated = GeneratedDefinitions.Chain("generated-200", 200).ToJsonString();
        var rounds = sizes.DesignerOpens;
        foreach (var (name, json) in new[] { ("annual-cycle", shipped), ("generated 200 activities", generated) })
        {
            cancellationToken.ThrowIfCancellationRequested();
            var definition = DefinitionJson.Parse(json, name);
            var baseline1 = Median(rounds, () => DefinitionJson.Serialize(DefinitionJson.Parse(json, name)));
            Array.Clear(Parts);
            var designer = Median(rounds, () => Open(json, name));
            var n = rounds + WarmUp;
            var profile = string.Create(CultureInfo.InvariantCulture, $"mean per opening: renderer set-up {Parts[0] / n:0.0} ms, parse and document (with layout) {Parts[1] / n:0.0} ms, validation {Parts[2] / n:0.0} ms, canvas render {Parts[3] / n:0.0} ms");
            var baseline2 = Median(rounds, () => DefinitionJson.Serialize(DefinitionJson.Parse(json, name)));
            var baseline = (baseline1 + baseline2) / 2;
            var ratio = designer / baseline;
            table.Add("k", $"load without the designer: {name} ({definition.Activities.Count} activities)", baseline, "ms");
            table.Add("k", $"designer first render: {name}", designer, "ms", (baseline, "ms", "load without the designer, k"),
                "≤ 3× and < 300 ms", ratio <= 3 && designer < 300);
            table.Note("k", string.Create(CultureInfo.InvariantCulture, $"{name}: median of {rounds} after {WarmUp} untimed; designer {designer:0.00} ms = {ratio:0.0}× the load alone ({baseline1:0.000} ms before, {baseline2:0.000} ms after); {profile}"));
        }

        return Task.CompletedTask;
    }

    /// <summary>Where an opening's time goes (renderer set-up, document, validation, render), summed over the rounds.</summary>
    private static readonly double[] Parts = new double[4];

    /// <summary>What opening the designer does on the server before the first render reaches the browser.</summary>
    private static void Open(string json, string name)
    {
        var clock = Stopwatch.StartNew();
        using var context = new BunitContext();
        context.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        context.JSInterop.Mode = JSRuntimeMode.Loose;
        // The browser has not answered yet at the first render: its measurements (the canvas's and each port's box)
        // stay pending, so what is timed is the render the server sends first, not the port-by-port refinement after.
        context.JSInterop.Setup<Rectangle>("ZBlazorDiagrams.getBoundingClientRect", _ => true);
        Parts[0] += clock.Elapsed.TotalMilliseconds;
        clock.Restart();
        var document = new DesignerDocument(DefinitionJson.Parse(json, name), ActivityRegistry.Default);
        if (document.NeedsLayout)
        {
            document.AutoLayout();
        }

        Parts[1] += clock.Elapsed.TotalMilliseconds;
        clock.Restart();
        var problems = new DefinitionValidator(ActivityRegistry.Default).Validate(document.Definition, name);
        Parts[2] += clock.Elapsed.TotalMilliseconds;
        clock.Restart();
        var canvas = context.Render<WorkflowCanvas>(p => p
            .Add(c => c.Definition, document.Definition)
            .Add(c => c.Registry, ActivityRegistry.Default)
            .Add(c => c.Problems, problems));
        var rendered = canvas.FindComponents<ActivityNodeWidget>().Count;
        Parts[3] += clock.Elapsed.TotalMilliseconds;
        if (rendered != document.Definition.Activities.Count)
        {
            throw new InvalidOperationException($"{name}: the canvas did not render every activity");
        }
    }

    private static double Median(int rounds, Action once)
    {
        for (var i = 0; i < WarmUp; i++)
        {
            once();
        }

        var times = new List<double>(rounds);
        for (var i = 0; i < rounds; i++)
        {
            var clock = Stopwatch.StartNew();
            once();
            times.Add(clock.Elapsed.TotalMilliseconds);
        }

        return Stats.Percentile(times, 50);
    }
}
