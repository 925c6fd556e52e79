namespace BackOffice.Core.Customers;

/// <summary>
/// One row of the append-only audit trail: a creation, an edit, a status change or another action on the customer.
/// Rows are only ever inserted (the DbContext refuses updates and deletes, and so do database triggers).
/// </summary>
public sealed class CustomerAuditEntry
{
    public long Id { get; init; }
    public Guid CustomerId { get; init; }
    public required string Action { get; init; }
    public CustomerStatus? FromStatus { get; init; }
    public CustomerStatus ToStatus { get; init; }
    public required string ActorId { get; init; }
    public required string ActorName { get; init; }
    public DateTime At { get; init; }
    public string? Reason { get; init; }
    /// <summary>What an action that is not a status change did, e.g. "USD wallet 0193…".</summary>
    public string? Detail { get; init; }
    /// <summary>For an edit: each changed field with its old and new value, as JSON (see <see cref="CustomerFieldChange"/>).</summary>
    public string? Changes { get; init; }
}

/// <summary>The names of audited actions.</summary>
public static class CustomerAuditActions
{
    public const string Created = "created";
    public const string KycApproved = "kyc_approved";
    public const string KycRejected = "kyc_rejected";
    public const string Suspended = "suspended";
    public const string Reinstated = "reinstated";
    public const string WalletCreated = "wallet_created";
    public const string Screened = "screened";
    public const string ScreeningHitRaised = "screening_hit_raised";
    public const string ScreeningHitFalsePositive = "screening_hit_false_positive";
    public const string ScreeningHitConfirmed = "screening_hit_confirmed";
    public const string ScreeningHitWithdrawn = "screening_hit_withdrawn";
    public const string DocumentReceived = "document_received";
    public const string DocumentAccepted = "document_accepted";
    public const string DocumentRejected = "document_rejected";
    public const string DocumentViewed = "document_viewed";
    public const string DocumentDownloaded = "document_downloaded";
    public const string DocumentsRequested = "documents_requested";
    public const string DocumentsReceived = "documents_received";
    public const string Edited = "edited";
    public const string ReviewClaimed = "review_claimed";
    public const string ReviewReleased = "review_released";
    public const string ReviewTakenOver = "review_taken_over";

    public static string ToDisplay(string action) => action switch
    {
        Created => "Created",
        KycApproved => "KYC approved",
        KycRejected => "KYC rejected",
        Suspended => "Suspended",
        Reinstated => "Reinstated",
        WalletCreated => "Wallet created",
        Screened => "Sanctions screening",
        ScreeningHitRaised => "Potential sanctions match",
        ScreeningHitFalsePositive => "Match resolved: false positive",
        ScreeningHitConfirmed => "Match confirmed",
        ScreeningHitWithdrawn => "Potential match withdrawn",
        DocumentReceived => "Document received",
        DocumentAccepted => "Document accepted",
        DocumentRejected => "Document rejected",
        DocumentViewed => "Document viewed",
        DocumentDownloaded => "Document downloaded",
        DocumentsRequested => "Documents requested",
        DocumentsReceived => "Requested documents received",
        Edited => "Details edited",
        ReviewClaimed => "Review claimed",
        ReviewReleased => "Review released",
        ReviewTakenOver => "Review taken over",
        _ => action,
    };
}
