namespace Reduction.Domain.Assessment;

/// <summary>Stable wire codes of <see cref="KeyProjectStatus"/>: `completed`, `operating`, `inProgress`, `notStarted`.</summary>
public static class KeyProjectStatuses
{
    private static readonly CodeTable<KeyProjectStatus> Table = new(
        (KeyProjectStatus.Completed, "completed", "已建成"),
        (KeyProjectStatus.Operating, "operating", "已投运"),
        (KeyProjectStatus.InProgress, "inProgress", "在建"),
        (KeyProjectStatus.NotStarted, "notStarted", "未开工"));

    public static IReadOnlyList<string> AllCodes => Table.AllCodes;

    public static string ToCode(KeyProjectStatus status) => Table.ToCode(status);

    public static string DisplayName(KeyProjectStatus status) => Table.DisplayName(status);

    public static bool TryParse(string? code, out KeyProjectStatus status) => Table.TryParse(code, out status);
}
