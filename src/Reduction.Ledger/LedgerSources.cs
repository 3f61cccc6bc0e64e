namespace Reduction.Ledger;

/// <summary>Where a ledger figure, a target or a key project came from, as stored (wire codes) with zh-CN names.</summary>
public static class LedgerSources
{
    /// <summary>The accepted assessment-data form of a task.</summary>
    public const string Form = "form";

    /// <summary>An imported workbook.</summary>
    public const string Import = "import";

    /// <summary>A review's correction, which wins over the form.</summary>
    public const string Correction = "correction";

    /// <summary>Entered in the console.</summary>
    public const string Console = "console";

    public static string Label(string source) => source switch
    {
        Form => "考核数据报送",
        Import => "Excel 导入",
        Correction => "审核更正",
        Console => "控制台录入",
        _ => source,
    };
}
