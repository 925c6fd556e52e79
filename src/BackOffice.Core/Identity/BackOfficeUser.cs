using Microsoft.AspNetCore.Identity;

namespace BackOffice.Core.Identity;

public sealed class BackOfficeUser : IdentityUser
{
    /// <summary>The name shown in audit trails and on customers this user created.</summary>
    public string DisplayName { get; set; } = "";
}
