namespace BackOffice.Core.Screening;

/// <summary>
/// One configured list as the screening knows it: the version in force (its files kept, so that a restart or a failed
/// fetch screens against the last good version), the last refresh and error, and a version held for an admin to
/// confirm because it would drop more than half of the entries.
/// </summary>
public sealed class SanctionsList
{
    public required string Name { get; init; }
    public SanctionsListFormat Format { get; set; }

    public string? Version { get; set; }
    public DateTime? PublishedAt { get; set; }
    public int EntryCount { get; set; }
    public DateTime? ActivatedAt { get; set; }
    /// <summary>The files of the version in force (a zip archive).</summary>
    public byte[]? Content { get; set; }
    public string? Warnings { get; set; }

    /// <summary>The last time a fetch or upload succeeded (even when it brought the same version).</summary>
    public DateTime? LastRefreshAt { get; set; }
    public DateTime? LastAttemptAt { get; set; }
    public string? LastError { get; set; }
    public DateTime? LastErrorAt { get; set; }

    public string? HeldVersion { get; set; }
    public DateTime? HeldPublishedAt { get; set; }
    public int? HeldEntryCount { get; set; }
    public DateTime? HeldAt { get; set; }
    public byte[]? HeldContent { get; set; }
}
