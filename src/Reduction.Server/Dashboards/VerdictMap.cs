using System.Xml.Linq;

namespace Reduction.Server.Dashboards;

/// <summary>A prefecture's state on the map: its verdict code (`pass`, `fail`, `held` or `none`) and its name in
/// the year.</summary>
public sealed record MapArea(string PrefectureId, string Name, string Verdict);

/// <summary>
/// The seven prefectures coloured by the year's verdict, drawn from the schematic outlines shipped with the server
/// (the embedded resource tibet-prefectures.svg, no map tiles). A prefecture outside the caller's scope is drawn in
/// the neutral grey without a verdict or a name's data attribute, so nothing of it is disclosed.
/// </summary>
public static class VerdictMap
{
    public const string Pass = "pass";
    public const string Fail = "fail";
    public const string Held = "held";
    public const string None = "none";

    private static readonly Lazy<XElement> Outline = new(Load);

    public static string Colour(string verdict) => verdict switch
    {
        Pass => "#2e7d32",
        Fail => "#c62828",
        Held => "#f9a825",
        _ => "#cfd6dc",
    };

    public static string Label(string verdict) => verdict switch
    {
        Pass => "合格",
        Fail => "不合格",
        Held => "结果暂缓",
        _ => "无结果",
    };

    /// <summary>The map for <paramref name="areas"/> (the prefectures in scope); the others stay grey.</summary>
    public static XElement Render(string title, IReadOnlyList<MapArea> areas)
    {
        ArgumentNullException.ThrowIfNull(areas);
        const int width = 840;
        const int height = 600;
        var svg = SvgChart.Document("map", title, null, width, height);
        var map = new XElement(SvgChart.Svg + "g", new XAttribute("transform", "translate(0,40)"), new XAttribute("data-part", "map"));
        var byId = areas.ToDictionary(a => a.PrefectureId, StringComparer.Ordinal);
        foreach (var path in Outline.Value.Elements(SvgChart.Svg + "path"))
        {
            var id = (string)path.Attribute("id")!;
            var area = byId.GetValueOrDefault(id);
            var verdict = area?.Verdict ?? None;
            var shape = new XElement(SvgChart.Svg + "path",
                new XAttribute("d", (string)path.Attribute("d")!),
                new XAttribute("fill", Colour(verdict)), new XAttribute("stroke", "#ffffff"), new XAttribute("stroke-width", "2"));
            if (area is not null)
            {
                shape.Add(new XAttribute("data-prefecture", id), new XAttribute("data-verdict", verdict),
                    new XElement(SvgChart.Svg + "title", $"{area.Name}：{Label(verdict)}"));
            }

            map.Add(shape);
        }

        foreach (var label in Outline.Value.Elements(SvgChart.Svg + "text"))
        {
            var id = (string)label.Attribute("data-label")!;
            var name = byId.GetValueOrDefault(id)?.Name ?? label.Value;
            var x = double.Parse((string)label.Attribute("x")!, System.Globalization.CultureInfo.InvariantCulture);
            var y = double.Parse((string)label.Attribute("y")!, System.Globalization.CultureInfo.InvariantCulture);
            map.Add(SvgChart.Text(x, y, name, 14, byId.ContainsKey(id) ? "#ffffff" : SvgChart.Muted, "middle", bold: true));
            if (byId.GetValueOrDefault(id) is { } area)
            {
                map.Add(SvgChart.Text(x, y + 18, Label(area.Verdict), 12, "#ffffff", "middle"));
            }
        }

        svg.Add(map);
        svg.Add(SvgChart.Legend(height - 22, [("rect", Colour(Pass), Label(Pass)), ("rect", Colour(Fail), Label(Fail)), ("rect", Colour(Held), Label(Held)), ("rect", Colour(None), Label(None))]));
        svg.Add(SvgChart.Text(width - 16, height - 22, "示意图，不表示行政区域界线", 11, SvgChart.Muted, "end"));
        return svg;
    }

    private static XElement Load()
    {
        using var stream = typeof(VerdictMap).Assembly.GetManifestResourceStream("tibet-prefectures.svg")
            ?? throw new InvalidOperationException("the map outline tibet-prefectures.svg is not embedded");
        return XElement.Load(stream);
    }
}
