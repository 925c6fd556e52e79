namespace BackOffice.Core.Staff;

/// <summary>
/// A one-time link that lets a staff member set their password: sent with an invitation or after a reset. Only a hash of
/// its token is stored; it works once, until <see cref="ExpiresAt"/>, and a newer link for the same person replaces it.
/// </summary>
public sealed class PasswordLink
{
    public const string Invitation = "invitation";
    public const string Reset = "reset";

    public Guid Id { get; init; }
    public required string UserId { get; init; }
    /// <summary><see cref="Invitation"/> or <see cref="Reset"/>.</summary>
    public required string Purpose { get; init; }
    /// <summary>Hex SHA-256 of the token; tokens are 256 random bits, so a fast hash is enough.</summary>
    public required string TokenHash { get; init; }
    public DateTime CreatedAt { get; init; }
    public DateTime ExpiresAt { get; init; }
    public required string CreatedByName { get; init; }
    /// <summary>When the password was set with it, or when a newer link replaced it.</summary>
    public DateTime? UsedAt { get; set; }
}
