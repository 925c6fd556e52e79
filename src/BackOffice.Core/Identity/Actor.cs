using System.Security.Claims;

namespace BackOffice.Core.Identity;

/// <summary>
/// Who is asking a service to do something. Services check permissions against it themselves,
/// so hiding a button is never the only guard.
/// </summary>
public sealed record Actor(string Id, string Name, IReadOnlySet<string> Roles)
{
    /// <summary>For an API key: the partner it acts for, which limits it to that partner's customers. Null for staff.</summary>
    public Guid? PartnerId { get; init; }

    /// <summary>Whether this actor may see or act on a customer of <paramref name="customerPartnerId"/> (staff see all).</summary>
    public bool CanSee(Guid? customerPartnerId) => PartnerId is null || PartnerId == customerPartnerId;

    public bool IsIn(params string[] roles) => roles.Any(Roles.Contains);

    public bool CanCreateCustomers => IsIn(Identity.Roles.Agent, Identity.Roles.Admin, Identity.Roles.ApiClient);
    public bool CanCreateWallets => IsIn(Identity.Roles.Agent, Identity.Roles.Admin, Identity.Roles.ApiClient);
    /// <summary>Correct a customer's details (by page, or PATCH for partners).</summary>
    public bool CanEditCustomers => IsIn(Identity.Roles.Agent, Identity.Roles.Admin, Identity.Roles.ApiClient);
    /// <summary>Change the names or type of an active customer: what KYC verified.</summary>
    public bool CanEditVerifiedIdentity => IsIn(Identity.Roles.Compliance, Identity.Roles.Admin);
    /// <summary>Internal notes are for staff only; partners never see them.</summary>
    public bool CanWriteNotes => PartnerId is null && Roles.Count > 0 && !IsIn(Identity.Roles.ApiClient);
    public bool CanDecideKyc => IsIn(Identity.Roles.Compliance, Identity.Roles.Admin);
    /// <summary>Hand in a document for a customer: those who onboard and those who verify, and partners by API.</summary>
    public bool CanUploadDocuments => IsIn(Identity.Roles.Agent, Identity.Roles.Compliance, Identity.Roles.Admin, Identity.Roles.ApiClient);
    /// <summary>Look at a document's bytes (people only: partners read metadata).</summary>
    public bool CanViewDocuments => IsIn(Identity.Roles.Agent, Identity.Roles.Compliance, Identity.Roles.Admin);
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
        var partner = user.FindFirstValue(BackOfficeClaimTypes.PartnerId);
        return new Actor(id, name, roles) { PartnerId = partner is null ? null : Guid.Parse(partner) };
    }
}

public static class BackOfficeClaimTypes
{
    public const string DisplayName = "backoffice:display_name";
    /// <summary>The id of the sign-in session (a row in staff_sessions) the cookie belongs to.</summary>
    public const string Session = "backoffice:session";
    /// <summary>How the user proved who they are (RFC 8176 "amr"): "pwd", or "mfa" after a second factor. Set by Identity's SignInManager.</summary>
    public const string AuthenticationMethod = "amr";
    public const string PartnerId = "backoffice:partner_id";
}
