namespace Reduction.Server.Answers.Forms;

/// <summary>One choice of a decision form; <see cref="NeedsComments"/> makes the comments field required.</summary>
public sealed record DecisionOption(string Code, string Label, bool NeedsComments);
