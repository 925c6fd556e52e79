using BackOffice.Core.Customers;
using BackOffice.Core.Documents;
using BackOffice.Core.Screening;
using BackOffice.Core.Wallets;

namespace BackOffice.Core.Api;

/// <summary><c>{ "data": … }</c>: how the API wraps one resource.</summary>
public sealed record DataEnvelope<T>(T Data);

/// <summary><c>{ "data": [ … ], "has_more": … }</c>: how the API wraps a list.</summary>
public sealed record ListEnvelope<T>(IReadOnlyList<T> Data, bool HasMore);

/// <summary>A customer as the API shows it.</summary>
public sealed record CustomerResource(
    Guid Id,
    string Status,
    DateTime CreatedAt,
    string FirstName,
    string LastName,
    string Email,
    string Phone,
    string Type,
    BillingAddressResource BillingAddress,
    ScreeningResource Screening,
    DateTime UpdatedAt)
{
    public static CustomerResource From(Customer c) => new(
        c.Id,
        CustomerStatusNames.ToWire(c.Status),
        c.CreatedAt,
        c.FirstName,
        c.LastName,
        c.Email,
        c.Phone,
        CustomerTypeNames.ToWire(c.Type),
        new BillingAddressResource(c.BillingAddress.Line1, c.BillingAddress.Line2, c.BillingAddress.City,
            c.BillingAddress.State, c.BillingAddress.ZipCode, c.BillingAddress.Country),
        new ScreeningResource(c.ScreeningStatus.ToWire(), c.ScreenedAt),
        c.UpdatedAt);
}

/// <summary>
/// Where the customer stands against the sanctions lists: <c>not_screened</c>, <c>clear</c> (false positives count as
/// clear), <c>potential_match</c> or <c>confirmed_match</c>. Hit details and list names never go to partners.
/// </summary>
public sealed record ScreeningResource(string Status, DateTime? ScreenedAt);

public sealed record BillingAddressResource(string Line1, string? Line2, string City, string State, string ZipCode, string Country);

/// <summary>A wallet as the API shows it. <c>status</c> is what the holder can do now: a suspended customer's wallets show as suspended.</summary>
public sealed record WalletResource(Guid Id, Guid CustomerId, string Currency, string Status, string Balance, DateTime CreatedAt)
{
    public static WalletResource From(Wallet wallet, CustomerStatus customerStatus) => new(
        wallet.Id, wallet.CustomerId, wallet.Currency, wallet.EffectiveStatus(customerStatus).ToWire(), wallet.FormattedBalance, wallet.CreatedAt);
}

/// <summary>A webhook endpoint as the API shows it; the signing secret only when it is created or rotated.</summary>
public sealed record WebhookEndpointResource(
    Guid Id, string Url, IReadOnlyList<string> Events, bool Enabled, string? DisabledReason, DateTime CreatedAt, string? Secret)
{
    public static WebhookEndpointResource From(Webhooks.WebhookEndpoint e, bool withSecret = false) =>
        new(e.Id, e.Url, e.EventList(), e.Enabled, e.DisabledReason, e.CreatedAt, withSecret ? e.Secret : null);
}

/// <summary>A document's metadata as the API shows it (the bytes are never sent to partners).</summary>
public sealed record DocumentResource(
    Guid Id, Guid CustomerId, string Kind, string? Side, string ContentType, long Size, string Sha256, string Status,
    string? RejectionReason, DateTime CreatedAt)
{
    public static DocumentResource From(CustomerDocument d) => new(
        d.Id, d.CustomerId, d.Kind.ToWire(), d.Side?.ToWire(), d.ContentType, d.Size, d.Sha256, d.Status.ToWire(), d.RejectionReason, d.CreatedAt);
}
