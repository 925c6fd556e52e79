using System.Security.Claims;
using BackOffice.Core.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace BackOffice.Web.Identity;

/// <summary>Adds the user's display name to the sign-in cookie, for audit trails and the app bar.</summary>
public sealed class BackOfficeClaimsPrincipalFactory(
    UserManager<BackOfficeUser> users, RoleManager<IdentityRole> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<BackOfficeUser, IdentityRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(BackOfficeUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(BackOfficeClaimTypes.DisplayName, string.IsNullOrWhiteSpace(user.DisplayName) ? user.Email ?? user.Id : user.DisplayName));
        return identity;
    }
}
