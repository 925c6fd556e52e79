namespace BackOffice.Core.Staff;

/// <summary>What the security log page filters by; every part optional.</summary>
public sealed record SecurityLogQuery
{
    public string? Kind { get; init; }
    /// <summary>Matches the start of the account's email or the actor's name (case as typed is ignored).</summary>
    public string? Search { get; init; }
    public DateTime? From { get; init; }
    public DateTime? To { get; init; }
}
