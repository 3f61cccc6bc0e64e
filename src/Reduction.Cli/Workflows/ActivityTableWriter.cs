using System.Globalization;
using System.Text;
using Reduction.Workflows.Activities;

namespace Reduction.Cli.Workflows;

/// <summary>Writes activity descriptors as plain text: a heading per activity and an aligned table of its inputs;
/// CJK characters count as two columns.</summary>
internal static class ActivityTableWriter
{
    private static readonly string[] Headers = ["输入", "类型", "编辑器", "必填", "名称", "可选值"];

    public static string Write(IReadOnlyList<ActivityDescriptor> descriptors)
    {
        var text = new StringBuilder();
        foreach (var descriptor in descriptors)
        {
            var waits = descriptor.Waits ? "，可等待" : string.Empty;
            text.Append(CultureInfo.InvariantCulture, $"{descriptor.Type}（{descriptor.DisplayName}）[{descriptor.Category}{waits}]\n");
            text.Append(CultureInfo.InvariantCulture, $"  {descriptor.Description}\n");
            var outcomes = descriptor.Outcomes.Count == 0 ? "（无）" : string.Join("、", descriptor.Outcomes);
            if (descriptor.DynamicOutcomesInput is { } dynamic)
            {
                outcomes += $"，另加输入 {dynamic} 中的各项";
            }

            text.Append(CultureInfo.InvariantCulture, $"  结果：{outcomes}\n");
            if (descriptor.Inputs.Count == 0)
            {
                text.Append("  输入：（无）\n");
            }
            else
            {
                var rows = descriptor.Inputs
                    .Select(i => new[] { i.Name, i.JsonType, i.UIHint, i.Required ? "是" : string.Empty, i.DisplayName, i.Options is { Count: > 0 } o ? string.Join("|", o) : string.Empty })
                    .ToList();
                var widths = Enumerable.Range(0, Headers.Length)
                    .Select(column => rows.Select(row => Width(row[column])).Append(Width(Headers[column])).Max())
                    .ToArray();
                AppendRow(text, Headers, widths);
                AppendRow(text, widths.Select(w => new string('-', w)).ToArray(), widths);
                foreach (var row in rows)
                {
                    AppendRow(text, row, widths);
                }
            }

            text.Append('\n');
        }

        text.Append(CultureInfo.InvariantCulture, $"共 {descriptors.Count} 种活动。\n");
        return text.ToString();
    }

    private static void AppendRow(StringBuilder text, string[] cells, int[] widths) => text.Append(TextTable.Row(cells, widths, "  "));

    private static int Width(string text) => TextTable.Width(text);
}
