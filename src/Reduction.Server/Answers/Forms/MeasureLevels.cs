namespace Reduction.Server.Answers.Forms;

/// <summary>The levels an annual plan breaks its measures down to (article 4): counties, departments, enterprises.</summary>
public static class MeasureLevels
{
    public static IReadOnlyList<(string Code, string Label)> All { get; } =
    [
        ("county", "县（区）"),
        ("department", "部门"),
        ("enterprise", "企业"),
    ];

    public static string Label(string? code) => All.FirstOrDefault(l => l.Code == code).Label ?? code ?? string.Empty;
}
