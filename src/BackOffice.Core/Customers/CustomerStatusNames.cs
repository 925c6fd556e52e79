namespace BackOffice.Core.Customers;

/// <summary>The names of statuses as the API contract and URLs spell them, and as people read them.</summary>
public static class CustomerStatusNames
{
    public static string ToWire(this CustomerStatus status) => status switch
    {
        CustomerStatus.PendingKyc => "pending_kyc",
        CustomerStatus.Active => "active",
        CustomerStatus.Rejected => "rejected",
        CustomerStatus.Suspended => "suspended",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    public static string ToDisplay(this CustomerStatus status) => status switch
    {
        CustomerStatus.PendingKyc => "Pending KYC",
        CustomerStatus.Active => "Active",
        CustomerStatus.Rejected => "Rejected",
        CustomerStatus.Suspended => "Suspended",
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
