namespace BackOffice.Core.Customers;

/// <summary>
/// One row of the append-only audit trail: a creation or a status change.
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
    public const string DocumentReceived = "document_received";
    public const string DocumentAccepted = "document_accepted";
    public const string DocumentRejected = "document_rejected";
    public const string DocumentViewed = "document_viewed";
    public const string DocumentDownloaded = "document_downloaded";
    public const string DocumentsRequested = "documents_requested";
    public const string DocumentsReceived = "documents_received";

    public static string ToDisplay(string action) => action switch
    {
        Created => "Created",
        KycApproved => "KYC approved",
        KycRejected => "KYC rejected",
        Suspended => "Suspended",
        Reinstated => "Reinstated",
        WalletCreated => "Wallet created",
        DocumentReceived => "Document received",
        DocumentAccepted => "Document accepted",
        DocumentRejected => "Document rejected",
        DocumentViewed => "Document viewed",
        DocumentDownloaded => "Document downloaded",
        DocumentsRequested => "Documents requested",
        DocumentsReceived => "Requested documents received",
        _ => action,
    };
}
