namespace BackOffice.Core.Customers;

/// <summary>
/// One page of the customer list: newest first, keyset-paged on (created_at, id).
/// <see cref="StartingAfter"/> pages towards older customers, <see cref="EndingBefore"/> back towards newer ones.
/// </summary>
public sealed record CustomerListQuery
{
    public const int MaxPageSize = FieldLimits.PageSize;
    /// <summary>Longer searches are cut: a name or an email prefix is never longer, and the SQL stays small.</summary>
    public const int MaxSearchLength = 100;
    public const int MaxSearchTerms = 5;

    public CustomerStatus? Status { get; init; }
    /// <summary>Only this partner's customers (staff may filter by it; an API key is always held to its own).</summary>
    public Guid? PartnerId { get; init; }
    /// <summary>Only customers in this screening status (the list's "Potential match" chip).</summary>
    public Screening.ScreeningStatus? Screening { get; init; }
    /// <summary>A customer id, an email prefix, or name prefixes ("ada lov").</summary>
    public string? Search { get; init; }
    /// <summary>Only customers created after this instant (exclusive), e.g. the dashboard's age buckets.</summary>
    public DateTime? CreatedAfter { get; init; }
    /// <summary>Only customers created at or before this instant.</summary>
    public DateTime? CreatedBefore { get; init; }
    /// <summary>Only customers whose review this staff member claimed after <see cref="ReviewClaimedAfter"/> ("My reviews").</summary>
    public string? ReviewerId { get; init; }
    public DateTime? ReviewClaimedAfter { get; init; }
    public int PageSize { get; init; } = 25;
    public Guid? StartingAfter { get; init; }
    public Guid? EndingBefore { get; init; }
}

public sealed record CustomerPage(IReadOnlyList<Customer> Items, bool HasNewer, bool HasOlder);
