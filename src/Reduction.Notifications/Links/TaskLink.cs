namespace Reduction.Notifications.Links;

/// <summary>A task link as handed to its party. The token is never stored; only its hash is.</summary>
public sealed record TaskLink(Guid LinkId, Guid TaskId, string PartyId, string Token, string Url);
