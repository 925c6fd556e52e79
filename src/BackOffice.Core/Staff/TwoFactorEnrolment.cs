using BackOffice.Core.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace BackOffice.Core.Staff;

/// <summary>
/// A staff member's own authenticator app (TOTP, RFC 6238, through Identity's authenticator token provider): the key
/// to scan, the first code that switches two-factor sign-in on with ten recovery codes, and a reset.
/// </summary>
public sealed class TwoFactorEnrolment(IServiceScopeFactory scopes, SecurityLog log, StaffSessions sessions)
{
    public const string Issuer = "BackOffice";

    /// <summary>The key to enrol (made on first use); the same key until enrolment succeeds or is reset.</summary>
    public async Task<ServiceResult<AuthenticatorSetup>> SetupAsync(string userId, CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<BackOfficeUser>>();
        var user = await users.FindByIdAsync(userId);
        if (user is null) return ServiceResult<AuthenticatorSetup>.NotFound("No staff account has this id.");
        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            // Not ResetAuthenticatorKeyAsync: that also changes the security stamp, which would sign the person out of
            // the very page that shows the key. Nothing is enabled until the first code is checked.
            key = users.GenerateNewAuthenticatorKey();
            var store = (IUserAuthenticatorKeyStore<BackOfficeUser>)scope.ServiceProvider.GetRequiredService<IUserStore<BackOfficeUser>>();
            await store.SetAuthenticatorKeyAsync(user, key, ct);
            var saved = await users.UpdateAsync(user);
            if (!saved.Succeeded) return ServiceResult<AuthenticatorSetup>.Conflict("The key could not be saved; reload the page.");
        }
        var email = user.Email ?? user.Id;
        var uri = $"otpauth://totp/{Uri.EscapeDataString(Issuer)}:{Uri.EscapeDataString(email)}?secret={key}&issuer={Uri.EscapeDataString(Issuer)}&digits=6";
        return ServiceResult<AuthenticatorSetup>.Ok(new AuthenticatorSetup(email, key!, uri, user.TwoFactorEnabled));
    }

    /// <summary>Checks the first code from the app; on success two-factor sign-in is on and here are the recovery codes, shown once.</summary>
    public async Task<ServiceResult<IReadOnlyList<string>>> EnableAsync(string userId, string? code, string? clientIp = null, CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<BackOfficeUser>>();
        var user = await users.FindByIdAsync(userId);
        if (user is null) return ServiceResult<IReadOnlyList<string>>.NotFound("No staff account has this id.");
        var digits = new string((code ?? "").Where(c => !char.IsWhiteSpace(c) && c != '-').ToArray());
        if (digits.Length != 6 || !digits.All(char.IsAsciiDigit))
            return InvalidCode("Enter the 6-digit code your authenticator app shows.");
        if (!await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, digits))
            return InvalidCode("That code is not right. Check the app shows BackOffice and try the current code.");

        await users.SetTwoFactorEnabledAsync(user, true);
        var recoveryCodes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, StaffLimits.RecoveryCodeCount))?.ToList() ?? [];
        await log.RecordAsync(SecurityEventKinds.TwoFactorEnrolled, null, user.Id, user.Email, clientIp);
        return ServiceResult<IReadOnlyList<string>>.Ok(recoveryCodes);
    }

    /// <summary>The person resets their own authenticator (a new phone): two-factor is off until they enrol the new key.</summary>
    public async Task<ServiceResult<bool>> ResetOwnAsync(string userId, string? clientIp = null, CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<BackOfficeUser>>();
        var user = await users.FindByIdAsync(userId);
        if (user is null) return ServiceResult<bool>.NotFound("No staff account has this id.");
        await ClearAsync(users, user);
        await sessions.EndAllAsync(user.Id, "two-factor reset", ct);
        await log.RecordAsync(SecurityEventKinds.TwoFactorReset, null, user.Id, user.Email, clientIp, "by the user");
        return ServiceResult<bool>.Ok(true);
    }

    /// <summary>Two-factor off, a new key (the old app's codes stop working), no recovery codes left.</summary>
    internal static async Task ClearAsync(UserManager<BackOfficeUser> users, BackOfficeUser user)
    {
        await users.SetTwoFactorEnabledAsync(user, false);
        await users.ResetAuthenticatorKeyAsync(user);
        await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 0);
    }

    private static ServiceResult<IReadOnlyList<string>> InvalidCode(string message) =>
        ServiceResult<IReadOnlyList<string>>.Invalid(new Dictionary<string, string[]> { ["Code"] = [message] }, message);
}
