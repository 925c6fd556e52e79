namespace BackOffice.Core.Customers;

/// <summary>
/// What an agent types into the onboarding form, or a partner sends to POST /api/v1/customers,
/// before validation and normalisation. Strings stay as typed; <see cref="NewCustomerValidator"/> judges them. The type
/// is already a <see cref="CustomerType"/>: the form offers only the two, and the API's wire record refuses other text.
/// </summary>
public sealed class NewCustomer
{
    public string? FirstName { get; set; }
    public string? LastName { get; set; }
    public string? Email { get; set; }
    public string? Phone { get; set; }
    public CustomerType? Type { get; set; }
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
