namespace Reduction.Identity.Accounts;

/// <summary>The outcome of an account change: the account's id, or the reasons it was refused (zh-CN / English).</summary>
public sealed record AccountResult(Guid? AccountId, IReadOnlyList<string> Errors)
{
    public bool Succeeded => Errors.Count == 0;

    public static AccountResult Ok(Guid id) => new(id, []);

    public static AccountResult Refused(params string[] errors) => new(null, errors);
}
