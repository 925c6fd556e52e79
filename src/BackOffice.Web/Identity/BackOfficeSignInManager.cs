using System.Security.Claims;
using BackOffice.Core;
using BackOffice.Core.Identity;
using BackOffice.Core.Staff;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace BackOffice.Web.Identity;

/// <summary>
/// Identity's sign-in with what staff accounts add: every sign-in starts a server-side session (its id is the only
/// claim that ties the cookie to it) and sign-out ends it; deactivated accounts cannot sign in; an unknown email costs
/// the same password hashing as a wrong password; every outcome goes to the security log.
/// </summary>
public sealed class BackOfficeSignInManager(
    UserManager<BackOfficeUser> userManager,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<BackOfficeUser> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor,
    ILogger<SignInManager<BackOfficeUser>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<BackOfficeUser> confirmation,
    StaffSessions sessions,
    SecurityLog securityLog,
    TimeProvider clock)
    : SignInManager<BackOfficeUser>(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    // A hash of a random password that nobody knows, verified when there is no account to verify against.
    private static string? unknownAccountHash;

    public override async Task<SignInResult> PasswordSignInAsync(string userName, string password, bool isPersistent, bool lockoutOnFailure)
    {
        var user = await UserManager.FindByNameAsync(userName);
        if (user is null)
        {
            SpendPasswordCheckTime(password);
            await securityLog.RecordAsync(SecurityEventKinds.SignInFailed, userEmail: userName, clientIp: ClientIp, details: "unknown email");
            return SignInResult.Failed;
        }
        return await PasswordSignInAsync(user, password, isPersistent, lockoutOnFailure);
    }

    public override async Task<SignInResult> PasswordSignInAsync(BackOfficeUser user, string password, bool isPersistent, bool lockoutOnFailure)
    {
        var result = await base.PasswordSignInAsync(user, password, isPersistent, lockoutOnFailure);
        if (result.IsNotAllowed) SpendPasswordCheckTime(password);
        await RecordRefusalAsync(user, result, "wrong password");
        return result;
    }

    public override async Task<SignInResult> TwoFactorAuthenticatorSignInAsync(string code, bool isPersistent, bool rememberClient)
    {
        var user = await GetTwoFactorAuthenticationUserAsync();
        var result = await base.TwoFactorAuthenticatorSignInAsync(code, isPersistent, rememberClient);
        if (user is not null) await RecordRefusalAsync(user, result, "wrong authenticator code");
        return result;
    }

    public override async Task<SignInResult> TwoFactorRecoveryCodeSignInAsync(string recoveryCode)
    {
        var user = await GetTwoFactorAuthenticationUserAsync();
        var result = await base.TwoFactorRecoveryCodeSignInAsync(recoveryCode);
        if (user is not null) await RecordRefusalAsync(user, result, "wrong or used recovery code");
        return result;
    }

    public override async Task<bool> CanSignInAsync(BackOfficeUser user) => user.IsActive && await base.CanSignInAsync(user);

    /// <summary>Every successful sign-in passes here: start the session and put its id in the cookie.</summary>
    public override async Task SignInWithClaimsAsync(BackOfficeUser user, AuthenticationProperties? authenticationProperties, IEnumerable<Claim> additionalClaims)
    {
        var claims = additionalClaims.Where(c => c.Type != BackOfficeClaimTypes.Session).ToList();
        var sessionId = await sessions.StartAsync(user.Id);
        claims.Add(new Claim(BackOfficeClaimTypes.Session, sessionId.ToString()));
        user.LastSignInAt = Timestamps.ToStoredPrecision(clock.GetUtcNow().UtcDateTime);
        await UserManager.UpdateAsync(user);
        await base.SignInWithClaimsAsync(user, authenticationProperties, claims);
        var method = claims.Any(c => c.Type == BackOfficeClaimTypes.AuthenticationMethod && c.Value == "mfa") ? "password and second factor" : "password";
        await securityLog.RecordAsync(SecurityEventKinds.SignInSucceeded, ActorOf(user), user.Id, user.Email, ClientIp, method);
    }

    /// <summary>Ends this session on the server too: the cookie, and any copy of it, stops working.</summary>
    public override async Task SignOutAsync()
    {
        var principal = Context.User;
        if (SessionId(principal) is { } sessionId)
        {
            await sessions.EndAsync(sessionId, "signed out");
            var userId = principal.FindFirstValue(ClaimTypes.NameIdentifier);
            await securityLog.RecordAsync(SecurityEventKinds.SignedOut, Actor.FromPrincipal(principal), userId,
                principal.FindFirstValue(ClaimTypes.Email) ?? principal.Identity?.Name, ClientIp);
        }
        await base.SignOutAsync();
    }

    /// <summary>Ends every session of the signed-in user, on every device, and signs this one out.</summary>
    public async Task SignOutEverywhereAsync()
    {
        var principal = Context.User;
        var user = principal.Identity?.IsAuthenticated == true ? await UserManager.GetUserAsync(principal) : null;
        if (user is not null)
        {
            var ended = await sessions.EndAllAsync(user.Id, "signed out everywhere");
            await UserManager.UpdateSecurityStampAsync(user);
            await securityLog.RecordAsync(SecurityEventKinds.SignedOutEverywhere, ActorOf(user), user.Id, user.Email, ClientIp, $"{ended} session(s) ended");
        }
        await base.SignOutAsync();
    }

    public static Guid? SessionId(ClaimsPrincipal principal) =>
        Guid.TryParse(principal.FindFirstValue(BackOfficeClaimTypes.Session), out var id) ? id : null;

    private string? ClientIp => Context.Connection.RemoteIpAddress?.ToString();

    private static Actor ActorOf(BackOfficeUser user) => Actor.Create(user.Id, string.IsNullOrWhiteSpace(user.DisplayName) ? user.Email ?? user.Id : user.DisplayName);

    private async Task RecordRefusalAsync(BackOfficeUser user, SignInResult result, string failure)
    {
        if (result.Succeeded || result.RequiresTwoFactor) return;
        var (kind, details) = result.IsLockedOut ? (SecurityEventKinds.LockedOut, $"locked after {failure}")
            : result.IsNotAllowed ? (SecurityEventKinds.SignInFailed, user.IsActive ? "not allowed" : "account deactivated")
            : (SecurityEventKinds.SignInFailed, failure);
        await securityLog.RecordAsync(kind, null, user.Id, user.Email, ClientIp, details);
    }

    private void SpendPasswordCheckTime(string password)
    {
        var hasher = UserManager.PasswordHasher;
        var dummy = new BackOfficeUser();
        unknownAccountHash ??= hasher.HashPassword(dummy, Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24)));
        hasher.VerifyHashedPassword(dummy, unknownAccountHash, password ?? "");
    }
}
