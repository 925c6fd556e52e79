using BackOffice.Core.Customers;

namespace BackOffice.Core.Screening;

/// <summary>A customer whose potential match waits for compliance, since when.</summary>
public sealed record PendingMatch(Guid CustomerId, string Name, CustomerStatus Status, DateTime Since, int Hits, int BestScore);
