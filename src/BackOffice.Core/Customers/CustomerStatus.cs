namespace BackOffice.Core.Customers;

/// <summary>Where a customer stands in onboarding. The wire names (snake_case) are in <see cref="CustomerStatusNames"/>.</summary>
public enum CustomerStatus
{
    PendingKyc = 0,
    Active = 1,
    Rejected = 2,
    Suspended = 3,
    /// <summary>Compliance asked for documents and waits for them.</summary>
    AwaitingDocuments = 4,
}
