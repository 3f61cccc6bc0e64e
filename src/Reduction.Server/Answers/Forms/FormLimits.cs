using System.Globalization;

namespace Reduction.Server.Answers.Forms;

/// <summary>How much a form can need: the longest text of each field and the most rows of each repeating group
/// (documented per form in docs/operations.md). A post is refused (413) beyond what they add up to, before it is read
/// further; within that, a field longer than its own limit is cut to it with an error beside it, and rows beyond the
/// group's limit are dropped with an error, so nothing is ever shown back longer than the form takes.</summary>
public sealed class FormLimits
{
    /// <summary>A code from a list (a level, a status, a decision).</summary>
    public const int Code = 64;

    /// <summary>A number as typed, with thousands separators and decimals.</summary>
    public const int Number = 40;

    public const int Date = 20;

    /// <summary>A name: a unit, a project, a person.</summary>
    public const int Short = 200;

    public const int Long = FormInput.MaxTextLength;

    /// <summary>A report or a plan summary.</summary>
    public const int Summary = 20000;

    /// <summary>A field the form does not declare: still read (kept for the form's reader), never shown back.</summary>
    public const int Undeclared = Short;

    private readonly Dictionary<string, int> _fields = new(StringComparer.Ordinal);
    private readonly Dictionary<string, RowLimit> _groups = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, int> Fields => _fields;

    public IReadOnlyDictionary<string, RowLimit> Groups => _groups;

    public FormLimits Field(string name, int maxLength)
    {
        _fields[name] = maxLength;
        return this;
    }

    public FormLimits Rows(string group, string label, int maxRows, params (string Field, int MaxLength)[] fields)
    {
        _groups[group] = new RowLimit(group, label, maxRows, fields.ToDictionary(f => f.Field, f => f.MaxLength, StringComparer.Ordinal));
        return this;
    }

    /// <summary>The longest single field.</summary>
    public int LongestField => _fields.Values.Concat(_groups.Values.SelectMany(g => g.Fields.Values)).DefaultIfEmpty(Undeclared).Max();

    /// <summary>Every field filled to its limit, every group to its last row.</summary>
    public long TextBudget => _fields.Values.Sum(v => (long)v) + _groups.Values.Sum(g => (long)g.MaxRows * g.Fields.Values.Sum());

    /// <summary>Fields of a form with every row used.</summary>
    public int FieldCount => _fields.Count + _groups.Values.Sum(g => g.MaxRows * g.Fields.Count);

    /// <summary>The limit of a posted field: its own, its group's, or <see cref="Undeclared"/>.</summary>
    public int MaxLengthOf(string name) =>
        _fields.TryGetValue(name, out var max) ? max
        : RowOf(name) is { } row && row.Group.Fields.TryGetValue(row.Field, out var field) ? field
        : Undeclared;

    /// <summary>The group, row index and field of a name `group[i].field`, or null.</summary>
    public (RowLimit Group, int Index, string Field)? RowOf(string name)
    {
        var open = name.IndexOf('[', StringComparison.Ordinal);
        var close = open < 0 ? -1 : name.IndexOf("].", open, StringComparison.Ordinal);
        if (close < 0 || !_groups.TryGetValue(name[..open], out var group)
            || !int.TryParse(name.AsSpan(open + 1, close - open - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var index))
        {
            return null;
        }

        return (group, index, name[(close + 2)..]);
    }

    /// <summary>A state for this form: rows shown are bounded by the groups' limits.</summary>
    public FormState NewState()
    {
        var state = new FormState();
        foreach (var group in _groups.Values)
        {
            state.MaxRows[group.Group] = group.MaxRows;
        }

        return state;
    }

    /// <summary>Puts a posted value into the state: cut to its field's limit (with an error beside the field), dropped
    /// beyond its group's last row (with an error at the group). Line breaks count as one character, as the browser
    /// counts them for `maxlength`.</summary>
    public void Admit(FormState state, string name, string value)
    {
        value = value.ReplaceLineEndings("\n");
        if (RowOf(name) is { } row && row.Index >= row.Group.MaxRows)
        {
            if (value.Length > 0)
            {
                state.Fail(FormState.RowsKey(row.Group.Group), string.Create(CultureInfo.InvariantCulture,
                    $"{row.Group.Label}最多 {row.Group.MaxRows} 行，超出的行未被接受。请合并或精简后重新提交，详细清单可作为附件上传。"));
            }

            return;
        }

        var max = MaxLengthOf(name);
        if (value.Length > max)
        {
            state.Fail(name, string.Create(CultureInfo.InvariantCulture, $"不能超过 {max} 字（提交了 {value.Length} 字），超出的部分未保留，请删减后重新提交"));
            value = value[..(char.IsHighSurrogate(value[max - 1]) ? max - 1 : max)];
        }

        state.Values[name] = value;
    }

    /// <summary>Rows shown before (`rows.{group}`) plus one when "add a row" was pressed, within the group's limit.</summary>
    public void AdmitShownRows(FormState state, string group, int shown, bool adding)
    {
        if (!_groups.TryGetValue(group, out var limit))
        {
            return;
        }

        var wanted = shown + (adding ? 1 : 0);
        if (wanted > limit.MaxRows)
        {
            state.Fail(FormState.RowsKey(group), string.Create(CultureInfo.InvariantCulture,
                $"{limit.Label}最多 {limit.MaxRows} 行，不能再增加。请合并或精简，详细清单可作为附件上传。"));
        }

        state.ShownRows[group] = Math.Min(limit.MaxRows, wanted);
    }
}
