namespace Reduction.Server.Access;

/// <summary>A bearer token for `Authorization: Bearer …` and when it stops working (Beijing time on the wire).</summary>
public sealed record TokenResponse(string Token, DateTimeOffset ExpiresAt);
