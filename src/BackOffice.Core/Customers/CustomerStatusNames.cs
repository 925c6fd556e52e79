namespace BackOffice.Core.Customers;

/// <summary>The names of statuses as the API contract and URLs spell them, and as people read them.</summary>
public static class CustomerStatusNames
{
    /// <summary>Every status in the order a customer meets them, for chips, counts and lists.</summary>
    public static readonly IReadOnlyList<CustomerStatus> InWorkflowOrder =
        [CustomerStatus.PendingKyc, CustomerStatus.AwaitingDocuments, CustomerStatus.Active, CustomerStatus.Rejected, CustomerStatus.Suspended];

    public static string ToWire(this CustomerStatus status) => status switch
    {
        CustomerStatus.PendingKyc => "pending_kyc",
        CustomerStatus.Active => "active",
        CustomerStatus.Rejected => "rejected",
        CustomerStatus.Suspended => "suspended",
        CustomerStatus.AwaitingDocuments => "awaiting_documents",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    public static string ToDisplay(this CustomerStatus status) => status switch
    {
        CustomerStatus.PendingKyc => "Pending KYC",
        CustomerStatus.Active => "Active",
        CustomerStatus.Rejected => "Rejected",
        CustomerStatus.Suspended => "Suspended",
        CustomerStatus.AwaitingDocuments => "Awaiting documents",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    public static bool TryParseWire(string? value, out CustomerStatus status)
    {
        foreach (var candidate in Enum.GetValues<CustomerStatus>())
        {
            if (string.Equals(candidate.ToWire(), value?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                status = candidate;
                return true;
            }
        }
        status = default;
        return false;
    }
}
