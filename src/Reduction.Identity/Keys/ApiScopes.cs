namespace Reduction.Identity.Keys;

/// <summary>What an API key may be used for. A key reaches only the routes of its scopes; every other route answers
/// 403 to it.</summary>
public static class ApiScopes
{
    /// <summary>The sanctions registry (`GET /api/sanctions`), for the EIA approval system.</summary>
    public const string SanctionsRead = "sanctions:read";

    public static IReadOnlyList<string> All { get; } = [SanctionsRead];

    public static string DisplayName(string scope) => scope switch
    {
        SanctionsRead => "查询限批与处罚记录",
        _ => scope,
    };
}
