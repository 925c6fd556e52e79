using BackOffice.Core.Identity;
using Microsoft.AspNetCore.Identity;

namespace BackOffice.Core.Staff;

/// <summary>
/// NIST SP 800-63B: no composition rules (Identity's are switched off), at least 12 characters, and not the account's
/// own email or name, nor containing them.
/// </summary>
public sealed class StaffPasswordValidator : IPasswordValidator<BackOfficeUser>
{
    public const string ContainsIdentityCode = "PasswordContainsIdentity";
    public const string TooLongCode = "PasswordTooLong";

    public Task<IdentityResult> ValidateAsync(UserManager<BackOfficeUser> manager, BackOfficeUser user, string? password)
    {
        password ??= "";
        if (password.Length > StaffLimits.MaxPasswordLength)
            return Task.FromResult(IdentityResult.Failed(new IdentityError { Code = TooLongCode, Description = $"Use at most {StaffLimits.MaxPasswordLength} characters." }));
        if (Contains(password, user.Email) || Contains(password, user.UserName) || Contains(password, user.DisplayName)
            || Contains(password, user.DisplayName?.Replace(" ", "")))
        {
            return Task.FromResult(IdentityResult.Failed(new IdentityError
            {
                Code = ContainsIdentityCode,
                Description = "The password may not be or contain your email or your name.",
            }));
        }
        return Task.FromResult(IdentityResult.Success);
    }

    private static bool Contains(string password, string? identity) =>
        !string.IsNullOrWhiteSpace(identity) && identity.Trim().Length >= 3
        && password.Contains(identity.Trim(), StringComparison.OrdinalIgnoreCase);
}
