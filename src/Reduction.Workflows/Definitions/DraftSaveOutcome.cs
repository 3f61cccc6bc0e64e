namespace Reduction.Workflows.Definitions;

public enum DraftSaveOutcome
{
    Saved,

    /// <summary>The draft changed since the caller read it (its tag no longer matches).</summary>
    Conflict,

    /// <summary>No such definition: neither a draft nor a published version.</summary>
    NotFound,
}
