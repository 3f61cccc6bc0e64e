using Reduction.Domain.Parties;
using Reduction.Domain.PlanPeriods;
using Reduction.Ledger.Workbooks;
using Reduction.Testing;

namespace Reduction.Ledger.Tests;

/// <summary>The assessment-data workbook of a prefecture's task page: the template laid out for the prefecture and
/// year, and the upload read cell by cell, only the task's prefecture and year, every figure once.</summary>
public sealed class AssessmentDataWorkbookTests
{
    private static WorkbookContext Context(string only = "lhasa") => new(PartyDirectory.LoadDefault(), PlanPeriodCatalog.LoadDefault(), only);

    private static string Errors(AssessmentDataRead read) => string.Join("\n", read.Errors.Kept.Select(e => $"{e.Sheet}!{e.Column}{e.Row}: {e.Message}"));

    [Fact]
    public void Template_ForShigatse2013_EverySheetLaidOutWithTheNameOfThatYear_ListsAndRulesOnEachSheet()
    {
        var workbook = LedgerWorkbookWriter.AssessmentDataTemplate(Context("shigatse"), 2013, "shigatse");

        var emissions = TestWorkbook.Read(workbook, "排放量");
        Assert.Equal(["地市", "年度", "污染物", "排放源", "排放量（吨）"], emissions[0].Values.Select(v => v?.ToString() ?? string.Empty).ToArray());
        Assert.Equal(15, emissions.Count - 1);
        Assert.All(emissions.Skip(1), r => Assert.Equal(("日喀则地区", 2013d), (r["A"], r["B"])));
        Assert.Equal(["COD", "NH3-N", "SO2", "NOx"], TestWorkbook.Read(workbook, "减排目标").Skip(1).Select(r => r["C"]?.ToString() ?? string.Empty).ToArray());
        Assert.Equal(7, TestWorkbook.Read(workbook, "监控数据").Count - 1);
        Assert.Equal("自动监控数据应传输条数", TestWorkbook.Read(workbook, "监控数据")[1]["C"]);
        Assert.All(TestWorkbook.Read(workbook, "重点项目").Skip(1), r => Assert.Equal("日喀则地区", r["A"]));

        // The four data sheets come first, each with its drop-down lists and number rules; the lists on the hidden 选项.
        var sheets = TestWorkbook.Part(workbook, "xl/workbook.xml");
        Assert.Matches("(?s)name=\"排放量\".*name=\"减排目标\".*name=\"监控数据\".*name=\"重点项目\".*name=\"填写说明\".*name=\"选项\"", sheets);
        Assert.Matches("<x:sheet [^>]*name=\"选项\"[^>]* state=\"hidden\"", sheets);
        Assert.Contains("type=\"decimal\" operator=\"greaterThanOrEqual\"", TestWorkbook.Part(workbook, "xl/worksheets/sheet1.xml"), StringComparison.Ordinal);
        Assert.Contains("较上年变化率", TestWorkbook.Read(workbook, "选项").Select(r => r.Values.Select(v => v?.ToString())).SelectMany(v => v));
        Assert.Contains("type=\"whole\" operator=\"greaterThanOrEqual\"", TestWorkbook.Part(workbook, "xl/worksheets/sheet3.xml"), StringComparison.Ordinal);
        Assert.Contains("type=\"list\"", TestWorkbook.Part(workbook, "xl/worksheets/sheet4.xml"), StringComparison.Ordinal);
        Assert.Contains("已投运", TestWorkbook.Read(workbook, "选项").SelectMany(r => r.Values.Select(v => v?.ToString())));

        // Uploaded as it is, the template lacks only its figures: an error at each, none for the rows left for projects.
        var read = LedgerWorkbookReader.ReadAssessmentData(workbook, Context("shigatse"), 2013);
        Assert.False(read.Ok);
        Assert.Equal(15 + 4 + 7, read.Errors.Count);
        Assert.DoesNotContain(read.Errors.Kept, e => e.Sheet == "重点项目");
        Assert.Contains(read.Errors.Kept, e => (e.Sheet, e.Column, e.Row, e.Message) == ("排放量", "E", 2, "排放量不能为空"));
        Assert.Contains(read.Errors.Kept, e => (e.Sheet, e.Column, e.Row, e.Message) == ("监控数据", "D", 8, "每季度均公布监督性监测结果的企业数不能为空（没有时填 0）"));
    }

    [Fact]
    public void Read_FilledAsPeopleWrite_EveryFigureWithItsCell()
    {
        var read = LedgerWorkbookReader.ReadAssessmentData(SampleAssessmentWorkbook.Lhasa2014().ToBytes(), Context(), 2014);

        Assert.True(read.Ok, Errors(read));
        var data = read.Data!;
        Assert.Equal(("lhasa", 2014), (data.PrefectureId, data.Year));
        Assert.Equal(15, data.Emissions.Count);
        var nox = data.Emissions.Single(e => e.Pollutant == "NOx" && e.Sector == EmissionSectors.Industrial);
        Assert.Equal(3000m, nox.Tonnes);
        Assert.Equal(("排放量", 13, "E"), (nox.Cell.Sheet, nox.Cell.Row, nox.Cell.Column));
        var cod = data.Targets.Single(t => t.Pollutant == "COD");
        Assert.Equal(("changeVsPreviousYearPercent", -0.6m, 10234.5m, (decimal?)null), (cod.Kind, cod.Value, cod.PreviousTonnes, cod.BaseYearTonnes));
        Assert.Equal("F", cod.Cells["previousTonnes"].Column);
        Assert.Equal(5000m, data.Targets.Single(t => t.Pollutant == "SO2").BaseYearTonnes);
        Assert.Equal(7600, data.Monitoring.Single(m => (m.Group, m.Field) == ("transmission", "valid")).Count);
        var project = Assert.Single(data.Projects);
        Assert.Equal(("拉萨市污水处理厂二期", new DateOnly(2014, 12, 31), "operating", (DateOnly?)new DateOnly(2014, 11, 20), "拉环验〔2014〕12号"),
            (project.Name, project.DueDate, project.Status, project.CompletedOn, project.Evidence));
    }

    [Fact]
    public void Read_RowsOfAnotherPrefectureOrYearAndWrongCells_RefusedAtTheirCells_NothingRead()
    {
        var sample = SampleAssessmentWorkbook.Lhasa2014();
        sample.Emissions[1] = ["日喀则市", 2014, "COD", "工业源", 3150];
        sample.Emissions[2] = ["拉萨市", 2015, "COD", "城镇生活源", 5200];
        sample.Emissions[3] = ["拉萨市", 2014, "COD", "农业源", "0.15万吨"];
        sample.Emissions[4] = ["拉萨市", 2014, "COD", "排放总量", 300];
        sample.Emissions.RemoveAt(5);
        sample.Emissions.Add(["拉萨市", 2014, "SO2", "工业源", 1]);
        sample.Targets[2] = ["拉萨市", 2014, "NH3-N", "总量上限", 950, null, null];
        sample.Monitoring[2] = ["拉萨市", 2014, "自动监控数据实收条数", 9000];
        sample.Monitoring[3] = ["拉萨市", 2014, "自动监控数据有效条数", 76.5];
        sample.Projects[1] = ["拉萨市", "拉萨市污水处理厂二期", "年底", "建设中", null, null];

        var read = LedgerWorkbookReader.ReadAssessmentData(sample.ToBytes(), Context(), 2014);

        Assert.False(read.Ok);
        Assert.Null(read.Data);
        var errors = read.Errors.Kept.Select(e => (e.Sheet, e.Row, Cell: $"{e.Column}{e.Row}", e.Message)).ToList();
        Assert.Contains(errors, e => e.Sheet == "排放量" && e.Cell == "A2" && e.Message.Contains("只能包含本单位（拉萨市）的数据", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Sheet == "排放量" && e.Cell == "B3" && e.Message == "本任务报送 2014 年度的数据，年度应为 2014");
        Assert.Contains(errors, e => e.Sheet == "排放量" && e.Cell == "E4" && e.Message.Contains("1500 吨", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Sheet == "排放量" && e.Cell == "D5" && e.Message.Contains("排放总量由各排放源相加得出", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Sheet == "排放量" && e.Cell == "A16" && e.Message.Contains("与第 9 行重复", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Sheet == "排放量" && e.Row == 0 && e.Message.Contains("缺少NH3-N（氨氮）工业源的排放量", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Sheet == "减排目标" && e.Cell == "D3" && e.Message.Contains("目标类型“总量上限”无法识别", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Sheet == "监控数据" && e.Cell == "C3" && e.Message.Contains("是否为“自动监控数据实际接收条数”", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Sheet == "监控数据" && e.Row == 0 && e.Message.Contains("缺少“自动监控数据实际接收条数”", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Sheet == "监控数据" && e.Cell == "D4" && e.Message.Contains("应为不小于 0 的整数", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Sheet == "重点项目" && e.Cell == "C2" && e.Message.Contains("不是日期", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Sheet == "重点项目" && e.Cell == "D2" && e.Message.Contains("项目状态“建设中”无法识别", StringComparison.Ordinal));
    }

    [Fact]
    public void Read_EnterpriseLinesOrTooManyProjects_Refused()
    {
        var sample = SampleAssessmentWorkbook.Lhasa2014();
        sample.Emissions[0] = [.. sample.Emissions[0], "企业名称"];
        sample.Emissions[1] = [.. sample.Emissions[1], "拉萨某水泥厂"];
        sample.Projects.RemoveAt(2);
        for (var i = 0; i < AssessmentDataSheets.MaxProjects; i++)
        {
            sample.Projects.Add(["拉萨市", $"项目{i}", "2014-12-31", "在建", null, null]);
        }

        var read = LedgerWorkbookReader.ReadAssessmentData(sample.ToBytes(), Context(), 2014);

        var errors = read.Errors.Kept;
        Assert.Equal(2, errors.Count);
        Assert.Equal(("排放量", "F2"), (errors[0].Sheet, $"{errors[0].Column}{errors[0].Row}"));
        Assert.Contains("不分企业填写", errors[0].Message, StringComparison.Ordinal);
        Assert.Equal(("重点项目", "B52"), (errors[1].Sheet, $"{errors[1].Column}{errors[1].Row}"));
        Assert.Contains("重点项目最多 50 个", errors[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_NotAWorkbookOrASheetMissing_OneErrorSayingSo()
    {
        var garbage = LedgerWorkbookReader.ReadAssessmentData("PK\u0003\u0004 not really"u8.ToArray(), Context(), 2014);
        var missing = LedgerWorkbookReader.ReadAssessmentData(SampleAssessmentWorkbook.Lhasa2014().ToBytes("监控数据"), Context(), 2014);
        var ledger = LedgerWorkbookReader.ReadAssessmentData(LedgerWorkbookWriter.LedgerTemplate(Context(), 2014, "lhasa"), Context(), 2014);

        Assert.Equal("无法读取 Excel 文件：请上传 .xlsx 格式的工作簿（可从“下载模板”获取）", Assert.Single(garbage.Errors.Kept).Message);
        Assert.StartsWith("工作簿缺少工作表“监控数据”", Assert.Single(missing.Errors.Kept).Message, StringComparison.Ordinal);
        Assert.StartsWith("工作簿缺少工作表“排放量”“减排目标”“监控数据”“重点项目”", Assert.Single(ledger.Errors.Kept).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_AYearOutsideEveryPlanPeriod_SaysSo()
    {
        var read = LedgerWorkbookReader.ReadAssessmentData(SampleAssessmentWorkbook.Lhasa2014().ToBytes(), Context(), 1999);

        Assert.Contains("1999年不在任何规划期内", Assert.Single(read.Errors.Kept).Message, StringComparison.Ordinal);
    }
}
