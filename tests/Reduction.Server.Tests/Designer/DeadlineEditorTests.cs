using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Reduction.Domain.Calendar;
using Reduction.Server.Components.Pages.Console.Workflows;

namespace Reduction.Server.Tests.Designer;

/// <summary>The designer's deadline-rule editor (bunit): what it previews is the day the runtime computes, in the
/// chosen party's calendar: State Council adjusted working days (a Saturday in 2016) and a prefecture's own holiday.</summary>
public sealed class DeadlineEditorTests : IDisposable
{
    private readonly BunitContext _context = new();
    private readonly OfficialCalendar _calendar = OfficialCalendar.LoadDefault();

    public DeadlineEditorTests()
    {
        // 拉萨市's own holiday on Tuesday 15 March 2016 (a region-wide working day).
        _calendar.AddOverride("lhasa", new YearArrangement(2016, new Dictionary<DateOnly, string> { [new DateOnly(2016, 3, 15)] = "地方节日" }, new Dictionary<DateOnly, string>()));
        _context.Services.AddSingleton(_calendar);
    }

    [Fact]
    public void AdjustedSaturday_IsShownAsAWorkingDay()
    {
        var editor = Render("day:02-06", calendarKey: null);

        Assert.Equal("2016年度全区：2016年2月6日 星期六 23:59（北京时间），工作日", Preview(editor));
    }

    [Fact]
    public void RollForward_FromTheSpringFestival_LandsOnTheAdjustedSunday()
    {
        var editor = Render("day:02-07 roll-forward", calendarKey: null);

        Assert.Equal("2016年度全区：2016年2月14日 星期日 23:59（北京时间），工作日", Preview(editor));
        Assert.True(editor.Find("[data-field=roll-forward]").HasAttribute("checked"));
    }

    [Fact]
    public void PrefectureHoliday_CountsInItsCalendarOnly()
    {
        var regionWide = Render("day:03-15", calendarKey: null);
        var lhasa = Render("day:03-15", calendarKey: "lhasa");
        var rolled = Render("day:03-15 roll-forward", calendarKey: "lhasa");

        Assert.EndsWith("2016年3月15日 星期二 23:59（北京时间），工作日", Preview(regionWide), StringComparison.Ordinal);
        Assert.EndsWith("2016年3月15日 星期二 23:59（北京时间），非工作日", Preview(lhasa), StringComparison.Ordinal);
        Assert.EndsWith("2016年3月16日 星期三 23:59（北京时间），工作日", Preview(rolled), StringComparison.Ordinal);
    }

    [Fact]
    public void EditingTheFields_WritesTheRuleBack_AndPreviewsIt()
    {
        string? written = null;
        var editor = _context.Render<DeadlineRuleEditor>(p => p
            .Add(e => e.Value, "day:03-15")
            .Add(e => e.Year, 2016)
            .Add(e => e.ValueChanged, (string? rule) => written = rule));

        editor.Find("[data-field=kind]").Change("workdays");
        editor.Find("[data-field=count]").Change("5");
        editor.Find("[data-field=anchor]").Change("2016-02-05");

        Assert.Equal("workdays:+5", written);
        Assert.Equal("workdays:+5", editor.Find("[data-testid=rule-code]").TextContent);

        // Five working days after Friday 5 February 2016: the adjusted Saturday 6th and Sunday 14th count, the Spring
        // Festival week (7th to 13th) does not: 6, 14, 15, 16, 17.
        Assert.Contains("2016年2月17日 星期三", Preview(editor), StringComparison.Ordinal);
    }

    [Fact]
    public void UnparsableRule_SaysWhatIsExpected()
    {
        var editor = Render("day:13-40", calendarKey: null);

        Assert.Contains("无法解析期限规则", Preview(editor), StringComparison.Ordinal);
        Assert.Contains("error", editor.Find("[data-testid=rule-preview]").ClassName, StringComparison.Ordinal);
    }

    public void Dispose() => _context.Dispose();

    private IRenderedComponent<DeadlineRuleEditor> Render(string rule, string? calendarKey) =>
        _context.Render<DeadlineRuleEditor>(p => p
            .Add(e => e.Value, rule)
            .Add(e => e.Year, 2016)
            .Add(e => e.CalendarKey, calendarKey)
            .Add(e => e.PartyLabel, calendarKey is null ? "全区" : "拉萨市"));

    private static string Preview(IRenderedComponent<DeadlineRuleEditor> editor) => editor.Find("[data-testid=rule-preview]").TextContent.Trim();
}
