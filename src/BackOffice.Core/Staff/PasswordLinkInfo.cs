namespace BackOffice.Core.Staff;

/// <summary>Whom a valid set-password link is for, so that the page can greet them.</summary>
public sealed record PasswordLinkInfo(string Email, string DisplayName, string Purpose);
