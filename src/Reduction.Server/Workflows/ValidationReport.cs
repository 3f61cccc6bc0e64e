using Reduction.Workflows.Definitions;

namespace Reduction.Server.Workflows;

/// <summary>`POST /api/workflows/{id}/validate` (and the 422 of publishing): valid when no finding is an error.</summary>
public sealed record ValidationReport(bool Valid, IReadOnlyList<ValidationFinding> Findings, string? Message = null)
{
    public static ValidationReport From(IReadOnlyList<ValidationMessage> messages, string? message = null) =>
        new(!messages.Any(m => m.IsError), messages.Select(ValidationFinding.From).ToList(), message);
}
