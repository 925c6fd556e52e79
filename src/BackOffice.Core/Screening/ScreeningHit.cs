namespace BackOffice.Core.Screening;

/// <summary>
/// A list entry that resembled a customer when screened, with a copy of the entry as it was (the list may change
/// later), and compliance's resolution.
/// </summary>
public sealed class ScreeningHit
{
    public Guid Id { get; init; }
    public Guid CustomerId { get; init; }
    public required string ListName { get; init; }
    public required string ListVersion { get; init; }
    public required string EntryId { get; init; }
    /// <summary>See <see cref="ListEntry.Fingerprint"/>: a false positive holds until this changes.</summary>
    public required string EntryFingerprint { get; init; }
    public required string MatchedName { get; init; }
    public bool WeakAlias { get; init; }
    public int Score { get; init; }
    /// <summary>The entry as JSON (<see cref="ListEntry"/>): names, aliases, type, programs, remarks, dates of birth, addresses.</summary>
    public required string EntryJson { get; init; }
    public DateTime RaisedAt { get; init; }

    public ScreeningHitStatus Status { get; set; }
    public DateTime? ResolvedAt { get; set; }
    public string? ResolvedById { get; set; }
    public string? ResolvedByName { get; set; }
    public string? Reason { get; set; }

    public ListEntry Entry => System.Text.Json.JsonSerializer.Deserialize<ListEntry>(EntryJson)!;
}
