using System.Security.Claims;

namespace BackOffice.Core.Identity;

/// <summary>
/// Who is asking a service to do something. Services check permissions against it themselves,
/// so hiding a button is never the only guard.
/// </summary>
public sealed record Actor(string Id, string Name, IReadOnlySet<string> Roles)
{
    public bool IsIn(params string[] roles) => roles.Any(Roles.Contains);

    public bool CanCreateCustomers => IsIn(Identity.Roles.Agent, Identity.Roles.Admin, Identity.Roles.ApiClient);
    public bool CanCreateWallets => IsIn(Identity.Roles.Agent, Identity.Roles.Admin, Identity.Roles.ApiClient);
    public bool CanDecideKyc => IsIn(Identity.Roles.Compliance, Identity.Roles.Admin);
    public bool CanSuspendOrReinstate => IsIn(Identity.Roles.Compliance, Identity.Roles.Admin);
    public bool CanSeeDashboard => IsIn(Identity.Roles.Manager, Identity.Roles.Admin);
    /// <summary>Exports carry personal data out of the system.</summary>
    public bool CanExportCustomers => IsIn(Identity.Roles.Manager, Identity.Roles.Compliance, Identity.Roles.Admin);

    public static Actor Create(string id, string name, params string[] roles) => new(id, name, new HashSet<string>(roles));

    /// <summary>The actor behind a signed-in user's claims.</summary>
    public static Actor FromPrincipal(ClaimsPrincipal user)
    {
        var id = user.FindFirstValue(ClaimTypes.NameIdentifier)
            ?? throw new InvalidOperationException("The user is not signed in.");
        var name = user.FindFirstValue(BackOfficeClaimTypes.DisplayName) ?? user.Identity?.Name ?? id;
        var roles = user.FindAll(ClaimTypes.Role).Select(c => c.Value).ToHashSet();
        return new Actor(id, name, roles);
    }
}

public static class BackOfficeClaimTypes
{
    public const string DisplayName = "backoffice:display_name";
    /// <summary>The id of the sign-in session (a row in staff_sessions) the cookie belongs to.</summary>
    public const string Session = "backoffice:session";
    /// <summary>How the user proved who they are (RFC 8176 "amr"): "pwd", or "mfa" after a second factor. Set by Identity's SignInManager.</summary>
    public const string AuthenticationMethod = "amr";
}
