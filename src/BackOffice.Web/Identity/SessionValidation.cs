using System.Security.Claims;
using BackOffice.Core.Staff;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;

namespace BackOffice.Web.Identity;

/// <summary>
/// Every request with a sign-in cookie: the session it names must still be open and within its absolute lifetime
/// (a signed-out or copied cookie is refused at once); then Identity's security stamp check, every
/// <c>Security:RevalidationSeconds</c>, refuses cookies of deactivated, changed or reset accounts.
/// </summary>
public static class SessionValidation
{
    public static async Task ValidatePrincipalAsync(CookieValidatePrincipalContext context)
    {
        var principal = context.Principal;
        var userId = principal?.FindFirstValue(ClaimTypes.NameIdentifier);
        var sessionId = principal is null ? null : BackOfficeSignInManager.SessionId(principal);
        var sessions = context.HttpContext.RequestServices.GetRequiredService<StaffSessions>();
        if (userId is null || sessionId is null || !await sessions.IsActiveAsync(sessionId.Value, userId, context.HttpContext.RequestAborted))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
            return;
        }
        await SecurityStampValidator.ValidatePrincipalAsync(context);
    }

    /// <summary>When the stamp check renews the cookie, keep the session and how the user signed in.</summary>
    public static Task KeepSessionClaims(SecurityStampRefreshingPrincipalContext context)
    {
        if (context.NewPrincipal?.Identity is ClaimsIdentity identity && context.CurrentPrincipal is { } current)
        {
            foreach (var type in new[] { Core.Identity.BackOfficeClaimTypes.Session, Core.Identity.BackOfficeClaimTypes.AuthenticationMethod })
            {
                foreach (var claim in current.FindAll(type))
                {
                    if (!identity.HasClaim(type, claim.Value)) identity.AddClaim(new Claim(type, claim.Value));
                }
            }
        }
        return Task.CompletedTask;
    }
}
