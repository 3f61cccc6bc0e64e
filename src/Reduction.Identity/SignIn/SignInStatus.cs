namespace Reduction.Identity.SignIn;

public enum SignInStatus
{
    Succeeded,

    /// <summary>Wrong password, unknown user or disabled account: one answer for all, so names cannot be probed.</summary>
    Failed,

    /// <summary>Locked after too many failures; refused even with the right password.</summary>
    LockedOut,

    /// <summary>Password right; a TOTP code is needed (enrolled, or required for an administrator).</summary>
    TwoFactorRequired,

    /// <summary>Password right, but the account must enrol an authenticator before it may use anything (an
    /// administrator when two factors are required). Sessions may be opened for the enrolment only.</summary>
    TwoFactorEnrolmentRequired,
}
