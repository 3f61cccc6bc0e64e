using Microsoft.AspNetCore.Identity;

namespace Reduction.Identity.Accounts;

/// <summary>
/// The password rules of GB/T 22239-2019 as the department applies them: at least 12 characters, at least three of
/// the four classes (upper case, lower case, digits, other characters), and not containing the user name.
/// </summary>
public sealed class PasswordRules : IPasswordValidator<Account>
{
    public const int MinimumLength = 12;

    public Task<IdentityResult> ValidateAsync(UserManager<Account> manager, Account user, string? password)
    {
        ArgumentNullException.ThrowIfNull(user);
        var errors = Check(user.UserName, password).Select(e => new IdentityError { Code = e.Code, Description = e.Message }).ToArray();
        return Task.FromResult(errors.Length == 0 ? IdentityResult.Success : IdentityResult.Failed(errors));
    }

    /// <summary>The rules as (code, zh-CN / English message) pairs; empty when the password is acceptable.</summary>
    public static IReadOnlyList<(string Code, string Message)> Check(string? userName, string? password)
    {
        var errors = new List<(string, string)>();
        password ??= string.Empty;
        if (password.Length < MinimumLength)
        {
            errors.Add(("PasswordTooShort", $"密码至少 {MinimumLength} 个字符 / the password needs at least {MinimumLength} characters"));
        }

        var classes = (password.Any(char.IsUpper) ? 1 : 0) + (password.Any(char.IsLower) ? 1 : 0)
            + (password.Any(char.IsDigit) ? 1 : 0) + (password.Any(c => !char.IsLetterOrDigit(c)) ? 1 : 0);
        if (classes < 3)
        {
            errors.Add(("PasswordTooSimple", "密码须包含大写字母、小写字母、数字、其他字符中的至少三类 / the password needs three of: upper case, lower case, digits, other characters"));
        }

        if (!string.IsNullOrWhiteSpace(userName) && password.Contains(userName.Trim(), StringComparison.OrdinalIgnoreCase))
        {
            errors.Add(("PasswordContainsUserName", "密码不能包含用户名 / the password must not contain the user name"));
        }

        return errors;
    }
}
