namespace BackOffice.Core.Staff;

/// <summary>A staff account as the Users page lists it.</summary>
public sealed record StaffMember(
    string Id,
    string Email,
    string DisplayName,
    IReadOnlyList<string> Roles,
    bool TwoFactorEnabled,
    DateTime? LastSignInAt,
    bool IsActive,
    bool HasPassword)
{
    public bool IsAdmin => Roles.Contains(Identity.Roles.Admin);
}
