using System.Text;

namespace Reduction.Server.Tests.Answers;

/// <summary>Answers and files the tests post.</summary>
internal static class SampleAnswers
{
    public static Dictionary<string, string> AnnualPlan(string summary = "2015年全市减排目标：化学需氧量削减1.5%。") => new()
    {
        ["summary"] = summary,
        ["measures[0].level"] = "county",
        ["measures[0].unit"] = "城关区人民政府",
        ["measures[0].measure"] = "城关区污水管网改造",
        ["measures[0].deadline"] = "2015-10-31",
        ["measures[1].level"] = "department",
        ["measures[1].unit"] = "拉萨市住房和城乡建设局",
        ["measures[1].measure"] = "污水处理厂提标",
        ["measures[2].level"] = "enterprise",
        ["measures[2].unit"] = "拉萨水泥厂",
        ["measures[2].measure"] = "窑炉脱硝改造",
        ["planned.COD"] = "10120.5",
        ["planned.NH3-N"] = "890",
        ["planned.SO2"] = "4700",
        ["planned.NOx"] = "6950",
        ["projects[0].name"] = "拉萨市污水处理厂二期",
        ["projects[0].milestone"] = "6月主体完工，10月通水",
        ["projects[0].dueDate"] = "2015-12-31",
        ["contact.name"] = "张明",
        ["contact.phone"] = "0891-6000000",
    };

    /// <summary>A small but real PDF.</summary>
    public static byte[] Pdf(int padding = 0) =>
        [.. Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n"), .. new byte[padding], .. Encoding.ASCII.GetBytes("\n%%EOF\n")];
}
