namespace BackOffice.Core.Staff;

/// <summary>
/// One line of the security log: who signed in or failed to, who changed whose account, which keys and exports were
/// made. Append-only (the DbContext and database triggers refuse updates and deletes), like the audit trails.
/// </summary>
public sealed class SecurityEvent
{
    public long Id { get; init; }
    public DateTime At { get; init; }
    /// <summary>One of <see cref="SecurityEventKinds"/>.</summary>
    public required string Kind { get; init; }
    /// <summary>Who did it: the signed-in staff member, or null for someone not (yet) signed in.</summary>
    public string? ActorId { get; init; }
    public string? ActorName { get; init; }
    /// <summary>Whose account it concerns (for a sign-in: the account tried; the email as typed when there is none).</summary>
    public string? UserId { get; init; }
    public string? UserEmail { get; init; }
    /// <summary>The client's IP address when the event came from a request.</summary>
    public string? ClientIp { get; init; }
    /// <summary>Anything else in words: "roles: Compliance → Compliance, Manager", "unknown email".</summary>
    public string Details { get; init; } = "";
}
