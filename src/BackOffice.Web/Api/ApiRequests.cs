using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using BackOffice.Core;
using BackOffice.Core.Customers;
using BackOffice.Core.Wallets;

namespace BackOffice.Web.Api;

/// <summary>
/// A request body as it arrives on the wire: raw strings, read by <see cref="ApiBody{T}"/>. Its attributes are the
/// OpenAPI schema (limits from <see cref="FieldLimits"/>, as the validators use them); <see cref="ToCommand"/> gives the
/// service's input, which the service's validator judges.
/// </summary>
public interface IApiRequest
{
    object ToCommand();
}

/// <summary>The body of POST /api/v1/customers.</summary>
public sealed record CreateCustomerRequest : IApiRequest
{
    [Required, MaxLength(FieldLimits.Name), RegularExpression(ContactRules.NameRegexForClients)]
    [Description("1–100 characters after trimming: letters of any script, spaces, hyphens, apostrophes.")]
    public string? FirstName { get; init; }

    [Required, MaxLength(FieldLimits.Name), RegularExpression(ContactRules.NameRegexForClients)]
    [Description("1–100 characters after trimming: letters of any script, spaces, hyphens, apostrophes.")]
    public string? LastName { get; init; }

    [Required, MaxLength(FieldLimits.Email), EmailAddress]
    [Description("A valid address of at most 254 characters; unique across customers (case-insensitive). Stored trimmed and lower-cased.")]
    public string? Email { get; init; }

    [Required, MaxLength(FieldLimits.Phone), RegularExpression(@"^\+[0-9 ()./-]+$")]
    [Description("An international number with its country code; stored in E.164 (+14155550123).")]
    public string? Phone { get; init; }

    [Required, MaxLength(10), AllowedValues("individual", "business")]
    [Description("individual or business.")]
    public string? Type { get; init; }

    [Required]
    public BillingAddressRequest? BillingAddress { get; init; }

    public object ToCommand() => new NewCustomer
    {
        FirstName = FirstName,
        LastName = LastName,
        Email = Email,
        Phone = Phone,
        Type = Type,
        BillingAddress = BillingAddress?.ToCommand()!,
    };
}

public sealed record BillingAddressRequest
{
    [Required, MaxLength(FieldLimits.AddressLine), RegularExpression(PlainText.Pattern), Description("1–200 characters.")]
    public string? Line1 { get; init; }

    [MaxLength(FieldLimits.AddressLine), RegularExpression(PlainText.Pattern), Description("At most 200 characters.")]
    public string? Line2 { get; init; }

    [Required, MaxLength(FieldLimits.City), RegularExpression(PlainText.Pattern), Description("1–100 characters.")]
    public string? City { get; init; }

    [Required, MaxLength(FieldLimits.State), RegularExpression(PlainText.Pattern), Description("State or region, 1–100 characters.")]
    public string? State { get; init; }

    [Required, MaxLength(FieldLimits.ZipCode), RegularExpression(@"^[A-Za-z0-9 -]+$")]
    [Description("1–20 characters; must match the country's format where it has one (US, GB, CA, DE, FR, …).")]
    public string? ZipCode { get; init; }

    [Required, MaxLength(FieldLimits.Country), RegularExpression("^[A-Za-z]{2}$")]
    [Description("ISO 3166-1 alpha-2 code, any case; stored upper-case.")]
    public string? Country { get; init; }

    public NewBillingAddress ToCommand() => new()
    {
        Line1 = Line1,
        Line2 = Line2,
        City = City,
        State = State,
        ZipCode = ZipCode,
        Country = Country,
    };
}

/// <summary>The body of POST /api/v1/wallets.</summary>
public sealed record CreateWalletRequest : IApiRequest
{
    [Required, MaxLength(FieldLimits.Id), Description("The id of an active customer (a UUID)."), RegularExpression("^[0-9A-Fa-f-]{32,36}$")]
    public string? CustomerId { get; init; }

    [Required, MaxLength(FieldLimits.Currency), RegularExpression("^[A-Za-z]{3}$")]
    [Description("ISO 4217 code, any case (USD, EUR, JPY, …). One wallet per customer and currency.")]
    public string? Currency { get; init; }

    public object ToCommand() => new NewWallet { CustomerId = CustomerId, Currency = Currency };
}
