namespace Reduction.Server.Sanctions;

/// <summary>Answer of `GET /api/sanctions`: the prefecture (its name on the date), the date, the sanctions in force,
/// and the question other systems ask most: is new-project EIA approval suspended there on that date?</summary>
public sealed record SanctionsAnswer(string Prefecture, string PrefectureId, string Date, IReadOnlyList<SanctionItem> Sanctions, bool EiaSuspended);
