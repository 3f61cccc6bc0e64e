namespace Reduction.Server.Access;

/// <summary>Section `Security:Oidc`: sign-in through the province's unified identity (OpenID Connect). Off unless
/// <see cref="Authority"/> is set.</summary>
public sealed class OidcOptions
{
    public const string SectionName = "Security:Oidc";

    public const string Scheme = "oidc";

    public string? Authority { get; set; }

    public string? ClientId { get; set; }

    public string? ClientSecret { get; set; }

    /// <summary>The claim that carries the user name our account has.</summary>
    public string UserNameClaim { get; set; } = "preferred_username";

    /// <summary>Text of the sign-in page's button.</summary>
    public string DisplayName { get; set; } = "统一身份认证登录";

    public bool IsEnabled => !string.IsNullOrWhiteSpace(Authority) && !string.IsNullOrWhiteSpace(ClientId);
}
