using Microsoft.AspNetCore.Identity;

namespace BackOffice.Core.Identity;

public sealed class BackOfficeUser : IdentityUser
{
    /// <summary>The name shown in audit trails and on customers this user created.</summary>
    public string DisplayName { get; set; } = "";

    /// <summary>Set when an administrator deactivates the account: it can no longer sign in, and its sessions end.</summary>
    public DateTime? DeactivatedAt { get; set; }

    public DateTime? LastSignInAt { get; set; }

    public bool IsActive => DeactivatedAt is null;
}
