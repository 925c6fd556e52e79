namespace BackOffice.Core.Customers;

/// <summary>
/// What an agent types into the onboarding form, or a partner sends to POST /api/v1/customers,
/// before validation and normalisation. Strings stay as typed; <see cref="NewCustomerValidator"/> judges them.
/// </summary>
public sealed class NewCustomer
{
    public string? FirstName { get; set; }
    public string? LastName { get; set; }
    public string? Email { get; set; }
    public string? Phone { get; set; }
    /// <summary><c>individual</c> or <c>business</c>.</summary>
    public string? Type { get; set; }
    public NewBillingAddress BillingAddress { get; set; } = new();
}

public sealed class NewBillingAddress
{
    public string? Line1 { get; set; }
    public string? Line2 { get; set; }
    public string? City { get; set; }
    public string? State { get; set; }
    public string? ZipCode { get; set; }
    /// <summary>ISO 3166-1 alpha-2, any case.</summary>
    public string? Country { get; set; }
}
