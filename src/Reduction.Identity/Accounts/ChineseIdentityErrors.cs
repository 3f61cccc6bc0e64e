using Microsoft.AspNetCore.Identity;

namespace Reduction.Identity.Accounts;

/// <summary>Identity's own error texts in zh-CN (with the English after a slash, as the CLI prints them).</summary>
public sealed class ChineseIdentityErrors : IdentityErrorDescriber
{
    public override IdentityError DuplicateUserName(string userName) =>
        new() { Code = nameof(DuplicateUserName), Description = $"用户名“{userName}”已存在 / user name '{userName}' is already taken" };

    public override IdentityError InvalidUserName(string? userName) =>
        new() { Code = nameof(InvalidUserName), Description = $"用户名“{userName}”无效，只能使用字母、数字和 . _ - @ / user name '{userName}' is invalid (letters, digits, . _ - @)" };

    public override IdentityError DuplicateEmail(string email) =>
        new() { Code = nameof(DuplicateEmail), Description = $"电子邮箱“{email}”已被其他账户使用 / e-mail '{email}' is used by another account" };

    public override IdentityError InvalidEmail(string? email) =>
        new() { Code = nameof(InvalidEmail), Description = $"电子邮箱“{email}”格式不正确 / e-mail '{email}' is not valid" };

    public override IdentityError PasswordMismatch() =>
        new() { Code = nameof(PasswordMismatch), Description = "原密码不正确 / the current password is wrong" };

    public override IdentityError ConcurrencyFailure() =>
        new() { Code = nameof(ConcurrencyFailure), Description = "账户已被他人修改，请刷新后重试 / the account was changed meanwhile; reload and retry" };

    public override IdentityError InvalidToken() =>
        new() { Code = nameof(InvalidToken), Description = "验证码无效或已过期 / invalid or expired code" };

    public override IdentityError UserAlreadyInRole(string role) =>
        new() { Code = nameof(UserAlreadyInRole), Description = $"账户已有角色“{AccountRoles.DisplayName(role)}” / the account already has role '{role}'" };

    public override IdentityError UserNotInRole(string role) =>
        new() { Code = nameof(UserNotInRole), Description = $"账户没有角色“{AccountRoles.DisplayName(role)}” / the account does not have role '{role}'" };
}
