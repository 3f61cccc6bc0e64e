namespace Reduction.Testing;

/// <summary>An assessment-data workbook filled in as a prefecture would fill the task page's template: 拉萨市 2014 of
/// docs/examples/assessment-cases.json broken down by source (the same figures the page tests type into the form).
/// Each sheet's rows (header first) may be changed before <see cref="ToBytes"/>.</summary>
public sealed class SampleAssessmentWorkbook
{
    private SampleAssessmentWorkbook(string prefecture, int year)
    {
        Emissions =
        [
            ["地市", "年度", "污染物", "排放源", "排放量（吨）"],
            [prefecture, year, "COD", "工业源", 3150],
            [prefecture, year, "COD", "城镇生活源", 5200],
            [prefecture, year, "COD", "农业源", 1500],
            [prefecture, year, "COD", "集中式污染治理设施", 300],
            [prefecture, year, "NH3-N", "工业源", 100],
            [prefecture, year, "NH3-N", "城镇生活源", 600],
            [prefecture, year, "NH3-N", "农业源", 150],
            [prefecture, year, "NH3-N", "集中式污染治理设施", 50],
            [prefecture, year, "SO2", "工业源", 4000],
            [prefecture, year, "SO2", "城镇生活源", 700],
            [prefecture, year, "SO2", "集中式污染治理设施", 100],
            [prefecture, year, "NOx", "工业源", "３０００"],
            [prefecture, year, "NOx", "城镇生活源", 1000],
            [prefecture, year, "NOx", "集中式污染治理设施", 500],
            [prefecture, year, "NOx", "机动车", 2500],
        ];
        Targets =
        [
            ["地市", "年度", "污染物", "目标类型", "目标值（吨或%）", "上年排放量（吨）", "基准年排放量（吨）"],
            [prefecture, year, "COD", "较上年变化率", -0.6, 10234.5, null],
            [prefecture, year, "NH3-N", "排放总量上限", 950, null, null],
            [prefecture, year, "SO2", "较基准年变化率", -3, null, 5000],
            [prefecture, year, "NOx", "较上年变化率", 0, 7000, null],
        ];
        Monitoring =
        [
            ["地市", "年度", "指标", "数量"],
            [prefecture, year, "自动监控数据应传输条数", 10000],
            [prefecture, year, "自动监控数据实际接收条数", 9000],
            [prefecture, year, "自动监控数据有效条数", 7600],
            [prefecture, year, "应公布自行监测结果的企业数", 50],
            [prefecture, year, "已公布自行监测结果的企业数", 40],
            [prefecture, year, "四个季度开展监督性监测的企业数", 20],
            [prefecture, year, "每季度均公布监督性监测结果的企业数", 20],
        ];
        Projects =
        [
            ["地市", "项目名称", "完成期限", "项目状态", "建成（投运）日期", "证明材料"],
            [prefecture, "拉萨市污水处理厂二期", new DateTime(2014, 12, 31), "已投运", "2014-11-20", "拉环验〔2014〕12号"],
            [prefecture, null, null, null, null, null],
        ];
    }

    public List<object?[]> Emissions { get; }

    public List<object?[]> Targets { get; }

    public List<object?[]> Monitoring { get; }

    public List<object?[]> Projects { get; }

    public static SampleAssessmentWorkbook Lhasa2014(string prefecture = "拉萨市", int year = 2014) => new(prefecture, year);

    /// <summary>The workbook with its four sheets, but those named in <paramref name="without"/>.</summary>
    public byte[] ToBytes(params string[] without) =>
        TestWorkbook.Of(new[] { ("排放量", Emissions), ("减排目标", Targets), ("监控数据", Monitoring), ("重点项目", Projects) }
            .Where(s => !without.Contains(s.Item1))
            .Select(s => new TestWorkbook(s.Item1).Rows(s.Item2))
            .ToArray());
}
