namespace BackOffice.Core.Customers;

/// <summary>A customer's billing address as stored (already trimmed; country upper-case).</summary>
public sealed class BillingAddress
{
    public required string Line1 { get; set; }
    public string? Line2 { get; set; }
    public required string City { get; set; }
    public required string State { get; set; }
    public required string ZipCode { get; set; }
    public required string Country { get; set; }
}
