namespace BackOffice.Core.Staff;

/// <summary>What a <see cref="SecurityEvent"/> records, with the words the security log page shows.</summary>
public static class SecurityEventKinds
{
    public const string SignInSucceeded = "sign_in_succeeded";
    public const string SignInFailed = "sign_in_failed";
    public const string LockedOut = "locked_out";
    public const string SignedOut = "signed_out";
    public const string SignedOutEverywhere = "signed_out_everywhere";
    public const string TwoFactorEnrolled = "two_factor_enrolled";
    public const string TwoFactorReset = "two_factor_reset";
    public const string UserInvited = "user_invited";
    public const string UserChanged = "user_changed";
    public const string UserDeactivated = "user_deactivated";
    public const string UserReactivated = "user_reactivated";
    public const string PasswordReset = "password_reset";
    public const string PasswordSet = "password_set";
    public const string ApiKeyCreated = "api_key_created";
    public const string ApiKeyRevoked = "api_key_revoked";
    public const string ExportStarted = "export_started";

    public static readonly IReadOnlyDictionary<string, string> Names = new Dictionary<string, string>
    {
        [SignInSucceeded] = "Sign-in succeeded",
        [SignInFailed] = "Sign-in failed",
        [LockedOut] = "Locked out",
        [SignedOut] = "Signed out",
        [SignedOutEverywhere] = "Signed out everywhere",
        [TwoFactorEnrolled] = "Two-factor enrolled",
        [TwoFactorReset] = "Two-factor reset",
        [UserInvited] = "User invited",
        [UserChanged] = "User changed",
        [UserDeactivated] = "User deactivated",
        [UserReactivated] = "User reactivated",
        [PasswordReset] = "Password reset",
        [PasswordSet] = "Password set",
        [ApiKeyCreated] = "API key created",
        [ApiKeyRevoked] = "API key revoked",
        [ExportStarted] = "Export started",
    };

    public static string NameOf(string kind) => Names.GetValueOrDefault(kind, kind);
}
