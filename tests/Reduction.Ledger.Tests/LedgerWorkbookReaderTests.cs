using Reduction.Domain.Parties;
using Reduction.Domain.PlanPeriods;
using Reduction.Ledger.Workbooks;
using Reduction.Testing;

namespace Reduction.Ledger.Tests;

/// <summary>Imports of real workbooks built here, cell by cell: every refusal at its cell, all or nothing, and
/// workbooks as people write them (a merged title, a header over two rows, formulas, full-width digits).</summary>
public sealed class LedgerWorkbookReaderTests
{
    private static readonly object?[] Header = ["地市", "年度", "污染物", "排放源", "企业名称", "排放量（吨）"];

    private static WorkbookContext Context(string? only = null) => new(PartyDirectory.LoadDefault(), PlanPeriodCatalog.LoadDefault(), only);

    [Fact]
    public void Ledger_EveryErrorKind_RefusedAtItsCellWithTheValueAndWhy_NothingToStore()
    {
        var workbook = new TestWorkbook()
            .Row(Header)
            .Row("拉萨市", 2016, "COD", "工业源", null, 1520.5)
            .Row("拉萨市", 2016, "COD", "城镇生活源", null, "1.2万吨")
            .Row("拉萨市", 2016, "C0D", "农业源", null, 10)
            .Row("拉萨市", 2016, "NH3-N", "工业源", null, -5)
            .Row("日喀则市", 2013, "COD", "工业源", null, 300)
            .Row("拉萨市", 2016, "COD", "工业源", null, 1520.5)
            .Row("拉萨市", 2016, "SO2", "农业源", null, 4)
            .Row("拉萨市", 2016, "NOx", "机动车", null, "约三百")
            .Row("拉萨", 2016, "COD", "工业源", null, 1)
            .Row("山南市", 2016, "SO2", "工业源", null, "800千克")
            .Row("林芝市", 2016, "NOx", "机动车", "", null)
            .ToBytes();

        var read = LedgerWorkbookReader.ReadLedger(workbook, Context());

        Assert.False(read.Ok);
        Assert.Empty(read.Values);
        var errors = read.Errors.Kept;
        Assert.Equal(
            [(3, "F"), (4, "C"), (5, "F"), (6, "A"), (7, "A"), (8, "D"), (9, "F"), (10, "A"), (11, "F"), (12, "F")],
            errors.Select(e => (e.Row, e.Column)).ToArray());
        Assert.All(errors, e => Assert.Equal("排放台账", e.Sheet));
        Assert.Equal("1.2万吨", errors[0].Value);
        Assert.Contains("写成了万吨", errors[0].Message, StringComparison.Ordinal);
        Assert.Contains("12000 吨", errors[0].Message, StringComparison.Ordinal);
        Assert.Contains("是否为“COD”", errors[1].Message, StringComparison.Ordinal);
        Assert.Equal(("-5", "排放量不能为负数"), (errors[2].Value, errors[2].Message));
        Assert.Contains("2013年应写作“日喀则地区”", errors[3].Message, StringComparison.Ordinal);
        Assert.Contains("与第 2 行重复", errors[4].Message, StringComparison.Ordinal);
        Assert.Contains("不是SO2的排放源", errors[5].Message, StringComparison.Ordinal);
        Assert.Contains("不是数字", errors[6].Message, StringComparison.Ordinal);
        Assert.Contains("单位名录中没有地市“拉萨”", errors[7].Message, StringComparison.Ordinal);
        Assert.Contains("不能用“千克”", errors[8].Message, StringComparison.Ordinal);
        Assert.Equal("排放量不能为空", errors[9].Message);
        Assert.Equal("排放量（吨）", errors[9].Header);
    }

    [Fact]
    public void Ledger_OneBadCellAmongTenThousandRows_NothingToStore_TheSameFixed_EveryRow()
    {
        var rows = TenThousandRows().ToList();
        rows[5000] = [.. rows[5000][..5], "12.5吨吨"];

        var refused = LedgerWorkbookReader.ReadLedger(new TestWorkbook().Row(Header).Rows(rows).ToBytes(), Context());

        Assert.Empty(refused.Values);
        var error = Assert.Single(refused.Errors.Kept);
        Assert.Equal((5002, "F", "12.5吨吨"), (error.Row, error.Column, error.Value));

        rows[5000] = [.. rows[5000][..5], 12.5];
        var fixedRead = LedgerWorkbookReader.ReadLedger(new TestWorkbook().Row(Header).Rows(rows).ToBytes(), Context());

        Assert.True(fixedRead.Ok, string.Join("\n", fixedRead.Errors.Kept.Select(e => $"{e.Row}{e.Column}: {e.Message}")));
        Assert.Equal(10_000, fixedRead.Values.Count);
        Assert.Equal(12.5m, fixedRead.Values[5000].Tonnes);
    }

    [Fact]
    public void Ledger_MergedTitleHeaderOverTwoRowsFormulasAndFullWidthDigits_ReadAsWritten()
    {
        var workbook = new TestWorkbook("2016年台账")
            .Row("拉萨市2016年度主要污染物排放总量台账", null, null, null, null, null)
            .Row("地市", "年度", "污染物", "排放源", "企业名称", "排放量")
            .Row("地市", "年度", "污染物", "排放源", "企业名称", "（吨）")
            .Row("拉萨市", "2016年", "COD", "工业源", null, "１，２３４．５")
            .Row("拉萨市", "２０１６", "COD", "城镇生活", null, "  88.25 吨 ")
            .Row("拉萨市", 2016, "化学需氧量", "农业源", null, 0)
            .Row(null, null, null, null, null, null)
            .Row("拉萨市", 2016, "cod", "集中式污染治理设施", "拉萨市污水处理厂", 0)
            .Merge("A1:F1").Merge("A2:A3").Merge("B2:B3").Merge("C2:C3").Merge("D2:D3").Merge("E2:E3")
            .Formula("F6", "F4+F5", "1322.75")
            .Formula("F8", "F6/10", "132.275")
            .ToBytes();

        var read = LedgerWorkbookReader.ReadLedger(workbook, Context());

        Assert.True(read.Ok, string.Join("\n", read.Errors.Kept.Select(e => $"{e.Row}{e.Column}: {e.Message}")));
        Assert.Equal(
            [("COD", "industrial", "", 1234.5m), ("COD", "urbanDomestic", "", 88.25m), ("COD", "agricultural", "", 1322.75m), ("COD", "centralised", "拉萨市污水处理厂", 132.275m)],
            read.Values.Select(v => (v.Pollutant, v.Sector, v.Enterprise, v.Tonnes)).ToArray());
        Assert.All(read.Values, v => Assert.Equal(("lhasa", 2016), (v.PrefectureId, v.Year)));
    }

    [Fact]
    public void Ledger_AFormulaNeverCalculated_RefusedAsEmpty()
    {
        var workbook = new TestWorkbook().Row(Header).Row("拉萨市", 2016, "COD", "工业源", null, 1).Formula("F2", "1+1", null).ToBytes();

        var error = Assert.Single(LedgerWorkbookReader.ReadLedger(workbook, Context()).Errors.Kept);

        Assert.Equal((2, "F", "排放量不能为空"), (error.Row, error.Column, error.Message));
    }

    [Fact]
    public void Ledger_HeaderInTenThousandTonnes_RefusedAtTheHeaderCell()
    {
        var workbook = new TestWorkbook().Row("地市", "年度", "污染物", "排放源", "排放量（万吨）").Row("拉萨市", 2016, "COD", "工业源", 0.15).ToBytes();

        var error = Assert.Single(LedgerWorkbookReader.ReadLedger(workbook, Context()).Errors.Kept);

        Assert.Equal((1, "E"), (error.Row, error.Column));
        Assert.Contains("单位是“万吨”，应为“吨”", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Ledger_NoHeaderOrNotAWorkbook_SaysWhatIsExpected()
    {
        var noHeader = LedgerWorkbookReader.ReadLedger(new TestWorkbook().Row("甲", "乙").Row(1, 2).ToBytes(), Context());
        var notAWorkbook = LedgerWorkbookReader.ReadLedger("地市,年度\n拉萨市,2016"u8.ToArray(), Context());

        Assert.Contains("没有找到标题行，标题行应包括：地市、年度、污染物、排放源、排放量（吨）", Assert.Single(noHeader.Errors.Kept).Message, StringComparison.Ordinal);
        Assert.Contains("无法读取 Excel 文件", Assert.Single(notAWorkbook.Errors.Kept).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Ledger_APrefecturesOwnUpload_RefusesAnotherPrefecturesRows()
    {
        var workbook = new TestWorkbook().Row(Header)
            .Row("拉萨市", 2016, "COD", "工业源", null, 1)
            .Row("那曲地区", 2016, "COD", "工业源", null, 2)
            .ToBytes();

        var error = Assert.Single(LedgerWorkbookReader.ReadLedger(workbook, Context(only: "lhasa")).Errors.Kept);

        Assert.Equal((3, "A", "只能包含本单位（拉萨市）的数据"), (error.Row, error.Column, error.Message));
    }

    [Fact]
    public void Targets_CapInTonnesChangeInPercent_KindByNameOrCode_ErrorsAtTheirCells()
    {
        var good = new TestWorkbook("减排目标").Row("地市", "年度", "污染物", "目标类型", "目标值（吨或%）")
            .Row("拉萨市", 2016, "COD", "排放总量上限", 5230)
            .Row("拉萨市", 2016, "NH3-N", "较上年变化率", "-0.6%")
            .Row("拉萨市", 2016, "SO2", "changeVsBaseYearPercent", 0)
            .ToBytes();
        var bad = new TestWorkbook("减排目标").Row("地市", "年度", "污染物", "目标类型", "目标值（吨或%）")
            .Row("拉萨市", 2016, "COD", "排放总量上限", "0.52万吨")
            .Row("拉萨市", 2016, "NH3-N", "削减率", -0.6)
            .Row("拉萨市", 2016, "NH3-N", "较上年变化率", -0.6)
            .Row("拉萨市", 2016, "NH3-N", "较上年变化率", -1)
            .ToBytes();

        var read = LedgerWorkbookReader.ReadTargets(good, Context());
        var refused = LedgerWorkbookReader.ReadTargets(bad, Context());

        Assert.True(read.Ok);
        Assert.Equal(
            [("COD", "capTonnes", 5230m), ("NH3-N", "changeVsPreviousYearPercent", -0.6m), ("SO2", "changeVsBaseYearPercent", 0m)],
            read.Values.Select(v => (v.Pollutant, v.Kind, v.Value)).ToArray());
        Assert.Equal([(2, "E"), (3, "D"), (5, "A")], refused.Errors.Kept.Select(e => (e.Row, e.Column)).ToArray());
        Assert.Contains("5200 吨", refused.Errors.Kept[0].Message, StringComparison.Ordinal);
        Assert.Contains("目标类型“削减率”无法识别", refused.Errors.Kept[1].Message, StringComparison.Ordinal);
        Assert.Contains("与第 4 行重复", refused.Errors.Kept[2].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void KeyProjects_DatesAsDatesOrText_NameValidInTheDueYear_DuplicateRefused()
    {
        var workbook = new TestWorkbook("重点项目").Row("地市", "项目名称", "完成期限", "备注")
            .Row("拉萨市", "拉萨市第二污水处理厂", new DateTime(2015, 12, 31), null)
            .Row("日喀则地区", "日喀则市污水处理厂扩建", "2013年6月30日", "一期")
            .Row("日喀则地区", "日喀则热电厂脱硝", "2016/12/31", null)
            .Row("拉萨市", "拉萨市第二污水处理厂", "2016-06-30", null)
            .Row("拉萨市", "拉萨市垃圾焚烧厂", "明年", null)
            .ToBytes();

        var read = LedgerWorkbookReader.ReadKeyProjects(workbook, Context());

        Assert.Equal([(4, "A"), (5, "A"), (6, "C")], read.Errors.Kept.Select(e => (e.Row, e.Column)).ToArray());
        Assert.Contains("2016年应写作“日喀则市”", read.Errors.Kept[0].Message, StringComparison.Ordinal);
        Assert.Contains("项目名称不能重复", read.Errors.Kept[1].Message, StringComparison.Ordinal);
        Assert.Contains("不是日期", read.Errors.Kept[2].Message, StringComparison.Ordinal);
    }

    /// <summary>Ten thousand distinct lines: the seven prefectures' sector figures for 2016-2020 and key enterprises.</summary>
    internal static IEnumerable<object?[]> TenThousandRows()
    {
        var parties = PartyDirectory.LoadDefault();
        var periods = PlanPeriodCatalog.LoadDefault();
        var count = 0;
        for (var year = 2016; year <= 2020; year++)
        {
            var period = periods.FindByYear(year)!;
            foreach (var party in parties.PrefecturesOn(new DateOnly(year, 12, 31)))
            {
                var name = WorkbookContext.NameIn(party, year);
                foreach (var pollutant in period.Pollutants)
                {
                    foreach (var sector in period.SectorsOf(pollutant))
                    {
                        for (var enterprise = 0; enterprise < 21 && count < 10_000; enterprise++, count++)
                        {
                            yield return [name, year, pollutant.Code, EmissionSectors.Label(sector), enterprise == 0 ? null : $"{name}重点企业{enterprise:D2}", 100 + (count % 997) + 0.25];
                        }
                    }
                }
            }
        }
    }
}
