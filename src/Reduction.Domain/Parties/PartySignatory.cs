namespace Reduction.Domain.Parties;

/// <summary>Who signs the documents a party issues (签发人): a person and the office held, as printed on notices.</summary>
public sealed record PartySignatory(string Name, string Title)
{
    /// <summary>Longest name or title kept.</summary>
    public const int MaxLength = 50;

    /// <summary>The Chinese refusal for a signatory, or null when it can be kept.</summary>
    public static string? Check(PartySignatory signatory)
    {
        ArgumentNullException.ThrowIfNull(signatory);
        if (string.IsNullOrWhiteSpace(signatory.Name))
        {
            return "签发人姓名不能为空。";
        }

        if (string.IsNullOrWhiteSpace(signatory.Title))
        {
            return "请填写签发人职务（如 厅长）。";
        }

        return signatory.Name.Length > MaxLength || signatory.Title.Length > MaxLength
            ? $"签发人姓名和职务各不超过 {MaxLength} 个字符。"
            : null;
    }

    /// <summary>As printed: 职务 then 姓名 (厅长 张三).</summary>
    public override string ToString() => $"{Title} {Name}";
}
