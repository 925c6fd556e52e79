using System.Security.Claims;
using BackOffice.Core.Identity;
using BackOffice.Core.Staff;
using Microsoft.Extensions.Options;

namespace BackOffice.Web.Identity;

/// <summary>
/// Who must sign in with a second factor (<c>Security:RequireTwoFactorForRoles</c>; by default Compliance and Admin,
/// but nobody in Development and Testing so that demo users sign in with a password alone).
/// </summary>
public sealed class TwoFactorPolicy(IOptions<SecurityOptions> options, IHostEnvironment environment)
{
    public IReadOnlySet<string> Roles { get; } = options.Value.RolesRequiringTwoFactor(StaffServices.IsDemoEnvironment(environment.EnvironmentName));

    public bool IsRequiredFor(ClaimsPrincipal user) => Roles.Any(user.IsInRole);

    /// <summary>Signed in with a password alone although a role needs a second factor: they must enrol before anything else.</summary>
    public bool MustEnrol(ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true && IsRequiredFor(user) && !SignedInWithSecondFactor(user);

    public static bool SignedInWithSecondFactor(ClaimsPrincipal user) =>
        user.HasClaim(BackOfficeClaimTypes.AuthenticationMethod, "mfa");
}
