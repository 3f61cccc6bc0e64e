using System.Globalization;
using System.Xml.Linq;

namespace Reduction.Server.Dashboards;

/// <summary>One bar: a prefecture's figure against its target (null where none is known). <see cref="Behind"/> marks
/// a figure on the wrong side of its target (emissions above, a rate below), drawn in the warning colour.</summary>
public sealed record ChartBar(string Key, string Label, decimal? Value, decimal? Target, bool Behind, string? Note = null);

/// <summary>One line of a trend chart: a value per year of the chart (null where the year has none).</summary>
public sealed record ChartSeries(string Key, string Label, IReadOnlyList<decimal?> Values, bool Dashed = false);

/// <summary>
/// The dashboards' charts as self-contained SVG documents, drawn on the server: no script, no web font, no request to
/// the network (text uses the system's CJK font by name), so the same document is shown inline in the page, downloaded
/// as SVG and rendered to PNG. Every mark carries data attributes (key, value, target) and a title for screen readers.
/// </summary>
public static class SvgChart
{
    public static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    public const string FontFamily = "'Noto Sans CJK SC','Noto Sans SC','Source Han Sans SC','WenQuanYi Micro Hei',sans-serif";

    public const string Ink = "#1b2733";
    public const string Muted = "#5f6b76";
    public const string Grid = "#dde3e8";
    public const string Good = "#2e6da4";
    public const string Warning = "#c0392b";
    public const string Neutral = "#9aa5b1";
    public const string TargetInk = "#111111";

    /// <summary>Seven distinguishable colours for the prefectures' lines (Okabe-Ito, readable by colour-blind users).</summary>
    public static readonly string[] Palette = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#7a5c00", "#444444"];

    private const int Width = 760;
    private const int Height = 380;
    private const int Left = 78;
    private const int Right = 20;
    private const int Top = 48;
    private const int Bottom = 78;

    /// <summary>Vertical bars with each target drawn as a black bar across the column; the value axis runs to
    /// <paramref name="axisMax"/> when given (100 for rates), else to a round number above the largest mark.</summary>
    public static XElement Bars(string id, string title, string unit, IReadOnlyList<ChartBar> bars, string? emptyText = null, decimal? axisMax = null)
    {
        ArgumentNullException.ThrowIfNull(bars);
        var svg = Document(id, title, unit);
        if (bars.Count == 0 || bars.All(b => b.Value is null && b.Target is null))
        {
            svg.Add(Empty(emptyText ?? "没有数据"));
            return svg;
        }

        var max = axisMax ?? Nice(bars.Max(b => Math.Max(b.Value ?? 0, b.Target ?? 0)));
        AddValueAxis(svg, max);
        var plotWidth = Width - Left - Right;
        var slot = plotWidth / (double)bars.Count;
        var barWidth = Math.Min(56, slot * 0.6);
        var plot = new XElement(Svg + "g", new XAttribute("data-part", "bars"));
        for (var i = 0; i < bars.Count; i++)
        {
            var bar = bars[i];
            var x = Left + (slot * i) + ((slot - barWidth) / 2);
            var group = new XElement(Svg + "g",
                new XAttribute("data-key", bar.Key),
                new XAttribute("data-value", Number(bar.Value)),
                new XAttribute("data-target", Number(bar.Target)),
                new XAttribute("data-behind", bar.Behind ? "true" : "false"),
                new XElement(Svg + "title", Describe(bar, unit)));
            if (bar.Value is { } value)
            {
                var top = Y(value, max);
                group.Add(new XElement(Svg + "rect",
                    new XAttribute("x", F(x)), new XAttribute("y", F(top)),
                    new XAttribute("width", F(barWidth)), new XAttribute("height", F(Y(0, max) - top)),
                    new XAttribute("fill", bar.Behind ? Warning : Good)));
                group.Add(Text(x + (barWidth / 2), top - 6, Short(value), 11, Ink, "middle"));
            }
            else
            {
                group.Add(Text(x + (barWidth / 2), Y(0, max) - 6, "无数据", 11, Muted, "middle"));
            }

            if (bar.Target is { } target)
            {
                var y = Y(target, max);
                group.Add(new XElement(Svg + "line",
                    new XAttribute("data-part", "target"),
                    new XAttribute("x1", F(x - 8)), new XAttribute("x2", F(x + barWidth + 8)),
                    new XAttribute("y1", F(y)), new XAttribute("y2", F(y)),
                    new XAttribute("stroke", TargetInk), new XAttribute("stroke-width", "3")));
            }

            group.Add(Text(x + (barWidth / 2), Height - Bottom + 18, bar.Label, 12, Ink, "middle"));
            if (bar.Note is { Length: > 0 } note)
            {
                group.Add(Text(x + (barWidth / 2), Height - Bottom + 34, note, 10, Muted, "middle"));
            }

            plot.Add(group);
        }

        svg.Add(plot);
        svg.Add(Legend(Height - 18, [("rect", Good, "实际"), ("rect", Warning, "未达到目标"), ("line", TargetInk, "目标")]));
        return svg;
    }

    /// <summary>Lines over the years, one per series, with a dot per known value; a missing year breaks the line.</summary>
    public static XElement Lines(string id, string title, string unit, IReadOnlyList<int> years, IReadOnlyList<ChartSeries> series, string? emptyText = null)
    {
        ArgumentNullException.ThrowIfNull(years);
        ArgumentNullException.ThrowIfNull(series);
        var svg = Document(id, title, unit);
        if (years.Count == 0 || series.All(s => s.Values.All(v => v is null)))
        {
            svg.Add(Empty(emptyText ?? "没有数据"));
            return svg;
        }

        var max = Nice(series.SelectMany(s => s.Values).Max(v => v ?? 0));
        AddValueAxis(svg, max);
        var plotWidth = Width - Left - Right - 40;
        double XOf(int i) => Left + 20 + (years.Count == 1 ? plotWidth / 2.0 : plotWidth * i / (double)(years.Count - 1));
        for (var i = 0; i < years.Count; i++)
        {
            svg.Add(Text(XOf(i), Height - Bottom + 18, years[i].ToString(CultureInfo.InvariantCulture), 12, Ink, "middle"));
        }

        var legend = new List<(string Shape, string Colour, string Label)>();
        for (var s = 0; s < series.Count; s++)
        {
            var line = series[s];
            var colour = Palette[s % Palette.Length];
            var group = new XElement(Svg + "g", new XAttribute("data-series", line.Key), new XElement(Svg + "title", line.Label));
            var segment = new List<string>();
            void Flush()
            {
                if (segment.Count > 1)
                {
                    group.Add(new XElement(Svg + "polyline",
                        new XAttribute("points", string.Join(' ', segment)), new XAttribute("fill", "none"),
                        new XAttribute("stroke", colour), new XAttribute("stroke-width", "2.5"),
                        line.Dashed ? new XAttribute("stroke-dasharray", "6 4") : null));
                }

                segment.Clear();
            }

            for (var i = 0; i < years.Count && i < line.Values.Count; i++)
            {
                if (line.Values[i] is not { } value)
                {
                    Flush();
                    continue;
                }

                var (x, y) = (XOf(i), Y(value, max));
                segment.Add(F(x) + "," + F(y));
                group.Add(new XElement(Svg + "circle",
                    new XAttribute("cx", F(x)), new XAttribute("cy", F(y)), new XAttribute("r", "3.5"), new XAttribute("fill", colour),
                    new XAttribute("data-year", years[i].ToString(CultureInfo.InvariantCulture)), new XAttribute("data-value", Number(value)),
                    new XElement(Svg + "title", $"{line.Label} {years[i]}年：{Short(value)} {unit}")));
            }

            Flush();
            svg.Add(group);
            legend.Add((line.Dashed ? "dash" : "line", colour, line.Label));
        }

        svg.Add(Legend(Height - 40, legend));
        return svg;
    }

    /// <summary>The root element: size, title, description and the font, on a white ground.</summary>
    public static XElement Document(string id, string title, string? unit, int width = Width, int height = Height)
    {
        var svg = new XElement(Svg + "svg",
            new XAttribute("viewBox", $"0 0 {width} {height}"),
            new XAttribute("width", width), new XAttribute("height", height),
            new XAttribute("role", "img"), new XAttribute("data-chart", id),
            new XAttribute("font-family", FontFamily),
            new XElement(Svg + "title", title),
            new XElement(Svg + "rect", new XAttribute("width", width), new XAttribute("height", height), new XAttribute("fill", "#ffffff")));
        svg.Add(Text(16, 26, title, 16, Ink, "start", bold: true));
        if (unit is { Length: > 0 })
        {
            svg.Add(Text(width - 16, 26, "单位：" + unit, 12, Muted, "end"));
        }

        return svg;
    }

    public static XElement Text(double x, double y, string text, int size, string fill, string anchor, bool bold = false) =>
        new(Svg + "text",
            new XAttribute("x", F(x)), new XAttribute("y", F(y)),
            new XAttribute("font-size", size), new XAttribute("fill", fill), new XAttribute("text-anchor", anchor),
            bold ? new XAttribute("font-weight", "bold") : null,
            text);

    /// <summary>A row of legend keys from the left at <paramref name="y"/>.</summary>
    public static XElement Legend(double y, IReadOnlyList<(string Shape, string Colour, string Label)> keys)
    {
        var legend = new XElement(Svg + "g", new XAttribute("data-part", "legend"));
        var x = (double)Left;
        foreach (var (shape, colour, label) in keys)
        {
            legend.Add(shape == "rect"
                ? new XElement(Svg + "rect", new XAttribute("x", F(x)), new XAttribute("y", F(y - 10)), new XAttribute("width", "14"), new XAttribute("height", "12"), new XAttribute("fill", colour))
                : new XElement(Svg + "line", new XAttribute("x1", F(x)), new XAttribute("x2", F(x + 16)), new XAttribute("y1", F(y - 4)), new XAttribute("y2", F(y - 4)),
                    new XAttribute("stroke", colour), new XAttribute("stroke-width", "3"), shape == "dash" ? new XAttribute("stroke-dasharray", "4 3") : null));
            legend.Add(Text(x + 20, y, label, 12, Ink, "start"));
            x += 34 + (label.Length * 13);
            if (x > Width - 120)
            {
                x = Left;
                y += 18;
            }
        }

        return legend;
    }

    /// <summary>The document as text, with its XML declaration, for a download.</summary>
    public static string ToFile(XElement svg) => "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + svg.ToString(SaveOptions.DisableFormatting);

    /// <summary>A value in the short form the marks carry: thousands separators, at most two decimals.</summary>
    public static string Short(decimal value) => value.ToString(Math.Abs(value) >= 100 ? "#,##0" : "#,##0.##", CultureInfo.InvariantCulture);

    internal static string F(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);

    private static XElement Empty(string text) => Text(Width / 2.0, Height / 2.0, text, 14, Muted, "middle");

    private static string Number(decimal? value) => value?.ToString("0.##########", CultureInfo.InvariantCulture) ?? string.Empty;

    private static string Describe(ChartBar bar, string unit) =>
        $"{bar.Label}：{(bar.Value is { } v ? $"{Short(v)} {unit}" : "无数据")}；目标 {(bar.Target is { } t ? $"{Short(t)} {unit}" : "未知")}{(bar.Behind ? "（未达到目标）" : string.Empty)}{(bar.Note is { Length: > 0 } n ? "；" + n : string.Empty)}";

    private static double Y(decimal value, decimal max) => Top + ((Height - Top - Bottom) * (1 - (double)(value / max)));

    private static void AddValueAxis(XElement svg, decimal max)
    {
        for (var i = 0; i <= 4; i++)
        {
            var value = max * i / 4;
            var y = Y(value, max);
            svg.Add(new XElement(Svg + "line",
                new XAttribute("x1", Left), new XAttribute("x2", Width - Right), new XAttribute("y1", F(y)), new XAttribute("y2", F(y)),
                new XAttribute("stroke", i == 0 ? Muted : Grid), new XAttribute("stroke-width", "1")));
            svg.Add(Text(Left - 8, y + 4, Short(value), 11, Muted, "end"));
        }
    }

    /// <summary>A round axis maximum at or above <paramref name="value"/> (1, 2, 2.5 or 5 times a power of ten).</summary>
    internal static decimal Nice(decimal value)
    {
        if (value <= 0)
        {
            return 1;
        }

        var magnitude = (decimal)Math.Pow(10, Math.Floor(Math.Log10((double)value)));
        foreach (var step in new[] { 1m, 2m, 2.5m, 5m, 10m })
        {
            if (step * magnitude >= value * 1.05m)
            {
                return step * magnitude;
            }
        }

        return 10 * magnitude;
    }
}
