namespace Reduction.Server.Sanctions;

/// <summary>One veto sanction in force: `until` is the first day it no longer applies (null while in force until lifted).</summary>
public sealed record SanctionItem(
    string Kind,
    string Name,
    string From,
    string? Until,
    int AssessedYear,
    string? Basis);
