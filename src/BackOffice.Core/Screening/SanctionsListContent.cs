namespace BackOffice.Core.Screening;

/// <summary>A parsed list: its version (the publisher's date where it gives one, and a hash of the files) and its entries.</summary>
public sealed record SanctionsListContent(
    string ListName,
    SanctionsListFormat Format,
    string Version,
    DateTime? PublishedAt,
    IReadOnlyList<ListEntry> Entries)
{
    /// <summary>Rows skipped because the publisher's file has a flaw (a repeated id, an alias of an unknown entry).</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];
}
