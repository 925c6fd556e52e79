namespace BackOffice.Core.Screening;

/// <summary>What the admin page shows of one list.</summary>
public sealed record SanctionsListState(
    string Name,
    SanctionsListFormat Format,
    string? Version,
    DateTime? PublishedAt,
    int EntryCount,
    DateTime? ActivatedAt,
    DateTime? LastRefreshAt,
    DateTime? LastAttemptAt,
    string? LastError,
    DateTime? LastErrorAt,
    string? Warnings,
    string? HeldVersion,
    DateTime? HeldPublishedAt,
    int? HeldEntryCount,
    DateTime? HeldAt);
