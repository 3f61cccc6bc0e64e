namespace Reduction.Server.Access;

/// <summary>Body of `POST /api/auth/token`; <see cref="Otp"/> only where two factors are required.</summary>
public sealed record TokenRequest(string? Username, string? Password, string? Otp);
