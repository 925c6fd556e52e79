using System.Security.Claims;
using BackOffice.Core.Identity;
using BackOffice.Core.Staff;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace BackOffice.Web.Identity;

/// <summary>
/// A Blazor circuit keeps the identity it started with. Every <c>Security:RevalidationSeconds</c> (60 by default), check
/// that the user still exists and is active, that their session is still open (not signed out, not past its absolute
/// lifetime) and that their security stamp is unchanged (Identity changes it when roles, password or two-factor
/// change); if not, the circuit is signed out and the open page goes to the sign-in page.
/// </summary>
public sealed class RevalidatingIdentityAuthenticationStateProvider(
    ILoggerFactory loggerFactory, IServiceScopeFactory scopeFactory, IOptions<IdentityOptions> options, IOptions<SecurityOptions> security)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    protected override TimeSpan RevalidationInterval => security.Value.RevalidationInterval;

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState state, CancellationToken ct)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<BackOfficeUser>>();
        var user = await users.GetUserAsync(state.User);
        if (user is null || !user.IsActive || await users.IsLockedOutAsync(user)) return false;
        if (BackOfficeSignInManager.SessionId(state.User) is not { } sessionId
            || !await scope.ServiceProvider.GetRequiredService<StaffSessions>().IsActiveAsync(sessionId, user.Id, ct))
            return false;
        if (!users.SupportsUserSecurityStamp) return true;
        var stamp = state.User.FindFirstValue(options.Value.ClaimsIdentity.SecurityStampClaimType);
        return stamp == await users.GetSecurityStampAsync(user);
    }
}
