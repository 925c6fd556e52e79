namespace BackOffice.Core.Staff;

/// <summary>A one-time set-password link just issued: the token exists only here (the database keeps its hash).</summary>
public sealed record IssuedPasswordLink(StaffMember Member, string Token, DateTime ExpiresAt)
{
    /// <summary>The link's path on this site; the page adds its own origin.</summary>
    public string Path => "/account/set-password?token=" + Token;
}
