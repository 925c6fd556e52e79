using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace BackOffice.Web.Api;

/// <summary>
/// The body of POST /api/v1/customers, for the OpenAPI document only. The endpoint reads the JSON itself
/// (<see cref="CustomerRequestReader"/>) and <c>NewCustomerValidator</c> enforces the rules described here.
/// </summary>
public sealed class CreateCustomerRequest
{
    [Required, Description("1–100 characters after trimming: letters of any script, spaces, hyphens, apostrophes.")]
    public string FirstName { get; init; } = "";

    [Required, Description("1–100 characters after trimming: letters of any script, spaces, hyphens, apostrophes.")]
    public string LastName { get; init; } = "";

    [Required, Description("A valid address of at most 254 characters; unique across customers (case-insensitive). Stored trimmed and lower-cased.")]
    public string Email { get; init; } = "";

    [Required, Description("An international number with its country code; stored in E.164 (+14155550123).")]
    public string Phone { get; init; } = "";

    [Required, Description("individual or business.")]
    public string Type { get; init; } = "";

    [Required]
    public CreateCustomerBillingAddress BillingAddress { get; init; } = new();
}

public sealed class CreateCustomerBillingAddress
{
    [Required, Description("1–200 characters.")]
    public string Line1 { get; init; } = "";

    [Description("At most 200 characters.")]
    public string? Line2 { get; init; }

    [Required, Description("1–100 characters.")]
    public string City { get; init; } = "";

    [Required, Description("State or region, 1–100 characters.")]
    public string State { get; init; } = "";

    [Required, Description("1–20 characters; must match the country's format where it has one (US, GB, CA, DE, FR, …).")]
    public string ZipCode { get; init; } = "";

    [Required, Description("ISO 3166-1 alpha-2 code, any case; stored upper-case.")]
    public string Country { get; init; } = "";
}

/// <summary>The body of POST /api/v1/wallets, for the OpenAPI document only; <c>NewWalletValidator</c> enforces it.</summary>
public sealed class CreateWalletRequest
{
    [Required, Description("The id of an active customer.")]
    public Guid CustomerId { get; init; }

    [Required, Description("ISO 4217 code, any case (USD, EUR, JPY, …). One wallet per customer and currency.")]
    public string Currency { get; init; } = "";
}
