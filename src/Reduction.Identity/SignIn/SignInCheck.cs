using Reduction.Identity.Accounts;

namespace Reduction.Identity.SignIn;

/// <summary>The outcome of checking a credential: the account when the password was right (and the second factor,
/// where one was needed), and until when it is locked.</summary>
public sealed record SignInCheck(SignInStatus Status, Account? Account = null, DateTimeOffset? LockedUntil = null)
{
    public bool Succeeded => Status == SignInStatus.Succeeded;

    /// <summary>The zh-CN message the sign-in page and `POST /api/auth/token` show.</summary>
    public string Message => Status switch
    {
        SignInStatus.Succeeded => "登录成功",
        SignInStatus.LockedOut => "登录失败次数过多，账户已锁定，请 15 分钟后再试或联系安全管理员解锁",
        SignInStatus.TwoFactorRequired => "请输入身份验证器上的 6 位动态验证码",
        SignInStatus.TwoFactorEnrolmentRequired => "管理员账户须先启用双因素认证，请在控制台登录后绑定身份验证器",
        _ => "用户名或密码错误",
    };
}
