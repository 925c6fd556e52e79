namespace BackOffice.Core.Customers;

/// <summary>
/// The number of customers in each status, kept up to date in the same transaction as every
/// create and status change, so that counts never scan the customers table.
/// </summary>
public sealed class CustomerStatusCount
{
    public CustomerStatus Status { get; init; }
    public long Count { get; set; }
}
