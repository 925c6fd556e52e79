using BackOffice.Core.Api;
using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using BackOffice.Core;
using BackOffice.Core.Customers;
using BackOffice.Core.Wallets;

namespace BackOffice.Web.Api;

/// <summary>
/// A request body as it arrives on the wire: raw strings, read by <see cref="ApiBody{T}"/>. Its attributes are the
/// OpenAPI schema (limits from <see cref="FieldLimits"/>, as the validators use them). <see cref="ToCommand"/> gives the
/// service's typed input, noting text that cannot become its type (an unknown customer type, an id that is not a UUID)
/// under the field's JSON path; every other rule is the service's validator's.
/// </summary>
public interface IApiRequest
{
    object ToCommand(IDictionary<string, string[]> invalid);
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

    public object ToCommand(IDictionary<string, string[]> invalid) => new NewCustomer
    {
        FirstName = FirstName,
        LastName = LastName,
        Email = Email,
        Phone = Phone,
        Type = WireValues.Parse<CustomerType>(Type, "type", CustomerTypeNames.TryParseWire, CustomerTypeNames.InvalidMessage, invalid),
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

/// <summary>A merge-patch body: which JSON paths it set to null, noted by <see cref="ApiBody{T}"/> (null clears; absent keeps).</summary>
public interface IMergePatchRequest
{
    IReadOnlySet<string> NullPaths { get; set; }
}

/// <summary>The body of PATCH /api/v1/customers/{id}: any of the create fields (JSON merge patch, RFC 7396).</summary>
public sealed record UpdateCustomerRequest : IApiRequest, IMergePatchRequest
{
    [MaxLength(FieldLimits.Name), RegularExpression(ContactRules.NameRegexForClients), Description("As on create. Absent: unchanged.")]
    public string? FirstName { get; init; }

    [MaxLength(FieldLimits.Name), RegularExpression(ContactRules.NameRegexForClients), Description("As on create. Absent: unchanged.")]
    public string? LastName { get; init; }

    [MaxLength(FieldLimits.Email), EmailAddress, Description("As on create; must stay unique. Absent: unchanged.")]
    public string? Email { get; init; }

    [MaxLength(FieldLimits.Phone), RegularExpression(@"^\+[0-9 ()./-]+$"), Description("As on create. Absent: unchanged.")]
    public string? Phone { get; init; }

    [MaxLength(10), AllowedValues("individual", "business"), Description("individual or business. Absent: unchanged.")]
    public string? Type { get; init; }

    [Description("Only the address fields sent change; line2 set to null clears it.")]
    public BillingAddressPatchRequest? BillingAddress { get; init; }

    [System.Text.Json.Serialization.JsonIgnore]
    public IReadOnlySet<string> NullPaths { get; set; } = new HashSet<string>();

    public object ToCommand(IDictionary<string, string[]> invalid) => new CustomerPatch
    {
        FirstName = FirstName,
        LastName = LastName,
        Email = Email,
        Phone = Phone,
        Type = WireValues.Parse<CustomerType>(Type, "type", CustomerTypeNames.TryParseWire, CustomerTypeNames.InvalidMessage, invalid),
        BillingAddress = BillingAddress is null ? null : new BillingAddressPatch
        {
            Line1 = BillingAddress.Line1, Line2 = BillingAddress.Line2, City = BillingAddress.City,
            State = BillingAddress.State, ZipCode = BillingAddress.ZipCode, Country = BillingAddress.Country,
        },
        Cleared = NullPaths.Select(ApiJson.ToPropertyPath).ToHashSet(),
    };
}

public sealed record BillingAddressPatchRequest
{
    [MaxLength(FieldLimits.AddressLine), RegularExpression(PlainText.Pattern)] public string? Line1 { get; init; }
    [MaxLength(FieldLimits.AddressLine), RegularExpression(PlainText.Pattern), Description("null clears it.")] public string? Line2 { get; init; }
    [MaxLength(FieldLimits.City), RegularExpression(PlainText.Pattern)] public string? City { get; init; }
    [MaxLength(FieldLimits.State), RegularExpression(PlainText.Pattern)] public string? State { get; init; }
    [MaxLength(FieldLimits.ZipCode), RegularExpression(@"^[A-Za-z0-9 -]+$"), Description("Must match the (new or current) country's format.")] public string? ZipCode { get; init; }
    [MaxLength(FieldLimits.Country), RegularExpression("^[A-Za-z]{2}$")] public string? Country { get; init; }
}

/// <summary>The body of POST /api/v1/webhook_endpoints.</summary>
public sealed record CreateWebhookEndpointRequest : IApiRequest
{
    [Required, MaxLength(Core.Webhooks.WebhookRules.MaxUrlLength), Url]
    [Description("Where to POST events: https, and not a private, loopback or link-local address.")]
    public string? Url { get; init; }

    [Required, MaxLength(11), Description("The event types to send (see the contract).")]
    public string[]? Events { get; init; }

    public object ToCommand(IDictionary<string, string[]> invalid) => new Core.Webhooks.NewWebhookEndpoint { Url = Url, Events = Events };
}

/// <summary>The body of POST /api/v1/wallets.</summary>
public sealed record CreateWalletRequest : IApiRequest
{
    [Required, MaxLength(FieldLimits.Id), Description("The id of an active customer (a UUID)."), RegularExpression("^[0-9A-Fa-f-]{32,36}$")]
    public string? CustomerId { get; init; }

    [Required, MaxLength(FieldLimits.Currency), RegularExpression("^[A-Za-z]{3}$")]
    [Description("ISO 4217 code, any case (USD, EUR, JPY, …). One wallet per customer and currency.")]
    public string? Currency { get; init; }

    public object ToCommand(IDictionary<string, string[]> invalid) => new NewWallet
    {
        CustomerId = WireValues.Parse<Guid>(CustomerId?.Trim(), "customer_id", Guid.TryParse, "must be a customer id (a UUID)", invalid),
        Currency = Currency,
    };
}

/// <summary>Text on the wire that must become a typed value.</summary>
internal static class WireValues
{
    public delegate bool TryParse<T>(string? text, out T value);

    /// <summary>Absent or blank: null (the validator reports it required, 400). Unparseable: null and an error (422).</summary>
    public static T? Parse<T>(string? text, string path, TryParse<T> parse, string message, IDictionary<string, string[]> invalid) where T : struct
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (parse(text, out var value)) return value;
        invalid.TryAdd(path, [message]);
        return null;
    }
}
