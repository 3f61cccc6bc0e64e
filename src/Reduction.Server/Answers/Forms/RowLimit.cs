namespace Reduction.Server.Answers.Forms;

/// <summary>A repeating group of a form (fields `{Group}[i].{field}`): at most <see cref="MaxRows"/> rows, each field
/// at most its length.</summary>
public sealed record RowLimit(string Group, string Label, int MaxRows, IReadOnlyDictionary<string, int> Fields);
