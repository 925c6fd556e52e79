namespace BackOffice.Core.Staff;

/// <summary>What an administrator types to invite someone.</summary>
public sealed class NewStaffMember
{
    public string? Email { get; set; }
    public string? DisplayName { get; set; }
    public string? Role { get; set; }
}
