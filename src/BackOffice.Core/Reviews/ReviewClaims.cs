using BackOffice.Core.Customers;
using BackOffice.Core.Identity;

namespace BackOffice.Core.Reviews;

/// <summary>
/// The rules of review ownership: a compliance officer claims a customer waiting for KYC; while the claim holds (less
/// than <see cref="Documents.KycOptions.ClaimTimeoutHours"/> old), nobody else decides on that customer without taking
/// the review over, which is audited.
/// </summary>
public static class ReviewClaims
{
    public const string ClaimedByOther = "review_claimed";

    /// <summary>The statuses in which a customer's review can be claimed: waiting for a KYC decision.</summary>
    public static bool IsClaimable(CustomerStatus status) => status is CustomerStatus.PendingKyc or CustomerStatus.AwaitingDocuments;

    public static bool IsHeld(Customer customer, DateTime now, TimeSpan timeout) =>
        customer.ReviewerId is not null && customer.ReviewClaimedAt is { } at && at + timeout > now;

    /// <summary>Whether someone other than <paramref name="actor"/> holds the claim now.</summary>
    public static bool IsHeldByOther(Customer customer, Actor actor, DateTime now, TimeSpan timeout) =>
        IsHeld(customer, now, timeout) && customer.ReviewerId != actor.Id;

    /// <summary>Why <paramref name="actor"/> may not decide on this customer now because of someone else's claim, or null.</summary>
    public static string? WhyClaimForbids(Customer customer, Actor actor, DateTime now, TimeSpan timeout) =>
        IsHeldByOther(customer, actor, now, timeout)
            ? $"{customer.ReviewerName} reviews this customer since {customer.ReviewClaimedAt:yyyy-MM-dd HH:mm} UTC. Take the review over first."
            : null;

    internal static void Clear(Customer customer)
    {
        customer.ReviewerId = null;
        customer.ReviewerName = null;
        customer.ReviewClaimedAt = null;
    }
}
