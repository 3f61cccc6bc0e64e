using System.Xml.Linq;
using SkiaSharp;
using Svg.Skia;

namespace Reduction.Server.Dashboards;

/// <summary>The dashboards' charts by id, from the scoped data: the region's `emissions`, `trend`, the three monitoring
/// indicators (by their criterion codes) and `map`; a prefecture's `pollutant-{code}`. The same SVG is put in the page,
/// served as a file and rendered to PNG, so all three show the same figures.</summary>
public static class DashboardCharts
{
    public const string Emissions = "emissions";
    public const string Trend = "trend";
    public const string Map = "map";
    public const string PollutantPrefix = "pollutant-";

    public static IReadOnlyList<string> RegionIds { get; } = [Emissions, Trend, DashboardQueries.Transmission, DashboardQueries.SelfMonitoring, DashboardQueries.Supervisory, Map];

    public static XElement? Region(RegionDashboard dashboard, string id)
    {
        ArgumentNullException.ThrowIfNull(dashboard);
        var pollutant = dashboard.Pollutant.Name + "（" + dashboard.Pollutant.Code + "）";
        return id switch
        {
            Emissions => SvgChart.Bars(Emissions, $"{dashboard.Year}年各地市{pollutant}排放量与目标", "吨", dashboard.Emissions, "该年度还没有台账数据"),
            Trend => SvgChart.Lines(Trend, $"{pollutant}排放量逐年变化（{dashboard.Years[0]}—{dashboard.Years[^1]}年）", "吨", dashboard.Years, dashboard.Trend, "还没有台账数据"),
            Map => VerdictMap.Render($"{dashboard.Year}年度考核结果", dashboard.Map),
            _ when dashboard.Rates.FirstOrDefault(r => r.Criterion == id) is { } rate =>
                SvgChart.Bars(id, $"{dashboard.Year}年{rate.Title}与考核要求", "%", rate.Bars, "该年度还没有考核结果", axisMax: 100),
            _ => null,
        };
    }

    public static XElement? Prefecture(PrefectureDashboard dashboard, string id)
    {
        ArgumentNullException.ThrowIfNull(dashboard);
        if (!id.StartsWith(PollutantPrefix, StringComparison.Ordinal))
        {
            return null;
        }

        var code = id[PollutantPrefix.Length..];
        return dashboard.Pollutants.FirstOrDefault(p => p.Pollutant.Code == code) is { } pollutant
            ? SvgChart.Bars(id, $"{dashboard.Name}{pollutant.Pollutant.Name}（{pollutant.Pollutant.Code}）排放量与目标", "吨", pollutant.Years, "还没有台账数据")
            : null;
    }

    /// <summary>The chart as PNG at twice its size (sharp on high-density screens and in print), white ground.</summary>
    public static byte[] Png(XElement svg)
    {
        ArgumentNullException.ThrowIfNull(svg);
        using var document = new SKSvg();
        using (var source = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(svg.ToString(SaveOptions.DisableFormatting))))
        {
            document.Load(source);
        }

        using var output = new MemoryStream();
        if (!document.Save(output, SKColors.White, SKEncodedImageFormat.Png, 100, 2f, 2f))
        {
            throw new InvalidOperationException("the chart could not be rendered to PNG");
        }

        return output.ToArray();
    }
}
