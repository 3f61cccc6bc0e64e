namespace Reduction.Workflows.Definitions;

public enum DraftPublishOutcome
{
    /// <summary>A new version was made.</summary>
    Published,

    /// <summary>Nothing the runtime reads changed (no draft, or only the layout moved): the latest version stands.</summary>
    Unchanged,

    /// <summary>The validator found errors; nothing was published.</summary>
    Invalid,

    NotFound,
}
