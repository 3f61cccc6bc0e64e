namespace Reduction.Server.Workflows;

public enum DefinitionImportOutcome
{
    /// <summary>A new definition with only a draft.</summary>
    Created,

    /// <summary>The file became the draft of an existing definition.</summary>
    DraftSaved,

    /// <summary>Not a definition, an unusable id or name: nothing stored.</summary>
    Invalid,

    /// <summary>Over <see cref="DefinitionBody.MaxBytes"/>.</summary>
    TooLarge,

    /// <summary>A new definition was asked for and the id is taken.</summary>
    Exists,

    /// <summary>Someone else's unpublished draft would be replaced and the caller did not confirm it.</summary>
    NeedsConfirmation,

    /// <summary>The draft changed between reading and saving.</summary>
    Conflict,
}
