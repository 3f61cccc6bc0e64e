namespace Reduction.Identity.Accounts;

/// <summary>What `reduction users add` and the accounts page ask for. <see cref="Party"/> is any name of the party
/// or its id (`拉萨市`, `lhasa`).</summary>
public sealed record NewAccount(string UserName, string Party, IReadOnlyList<string> Roles, string Password, string? Email = null, string? FullName = null, bool MustChangePassword = true);
