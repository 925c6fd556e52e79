using BackOffice.Core.Screening;

namespace BackOffice.Core.Customers;

public sealed class Customer
{
    /// <summary>UUID v7, so ids sort by creation time.</summary>
    public Guid Id { get; init; }
    public required string FirstName { get; set; }
    public required string LastName { get; set; }
    /// <summary>Trimmed and lower-cased; unique.</summary>
    public required string Email { get; set; }
    /// <summary>E.164, e.g. +447911123456.</summary>
    public required string Phone { get; set; }
    public CustomerType Type { get; set; }
    public required BillingAddress BillingAddress { get; set; }
    public CustomerStatus Status { get; set; }
    /// <summary>UTC, millisecond precision.</summary>
    public DateTime CreatedAt { get; init; }
    public required string CreatedById { get; init; }
    public required string CreatedByName { get; init; }

    /// <summary>Lower-cased, accent-free copies of the names: the search keys behind the list's prefix search.</summary>
    public required string FirstNameKey { get; set; }
    public required string LastNameKey { get; set; }

    /// <summary>Where the customer stands against the sanctions lists; kept by the screening (see Screening/).</summary>
    public ScreeningStatus ScreeningStatus { get; set; }
    /// <summary>When the customer was last screened (UTC), or null if never.</summary>
    public DateTime? ScreenedAt { get; set; }

    /// <summary>App-managed concurrency token: bumped on every change so that two concurrent decisions cannot both win.</summary>
    public int Version { get; set; }

    /// <summary>
    /// When the customer last changed (UTC, millisecond precision): created, edited, decided, screened, sent or asked for
    /// documents. The API's <c>updated_at</c>. A review claim or a new wallet does not change the customer.
    /// </summary>
    public DateTime UpdatedAt { get; set; }

    /// <summary>The partner whose API key created this customer; null for customers onboarded by staff.</summary>
    public Guid? PartnerId { get; init; }

    /// <summary>The compliance officer who claimed this customer's review, and since when (UTC); a claim lapses after
    /// <c>Kyc:ClaimTimeoutHours</c> (see <see cref="Reviews.ReviewClaims"/>). Not part of the API's representation.</summary>
    public string? ReviewerId { get; set; }
    public string? ReviewerName { get; set; }
    public DateTime? ReviewClaimedAt { get; set; }

    public string FullName => $"{FirstName} {LastName}";

    /// <summary>Records a change to the customer made at <paramref name="at"/>: a new version (the API's ETag) and <see cref="UpdatedAt"/>.</summary>
    public void Changed(DateTime at)
    {
        Version++;
        UpdatedAt = at;
    }
}
