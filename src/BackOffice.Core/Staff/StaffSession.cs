namespace BackOffice.Core.Staff;

/// <summary>
/// One sign-in, from the password (and code) to sign-out. The sign-in cookie carries only the session's id; every
/// request and every open page checks the row, so ending it here ends the session on every tab and for any copy of the
/// cookie.
/// </summary>
public sealed class StaffSession
{
    public Guid Id { get; init; }
    public required string UserId { get; init; }
    public DateTime StartedAt { get; init; }
    public DateTime? EndedAt { get; set; }
    /// <summary>Why it ended: "signed out", "signed out everywhere", "deactivated"…</summary>
    public string? EndedReason { get; set; }
}
