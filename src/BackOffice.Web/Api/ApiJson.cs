using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using BackOffice.Core;
using BackOffice.Core.Customers;
using BackOffice.Core.Wallets;

namespace BackOffice.Web.Api;

/// <summary>How the API writes JSON: snake_case names, RFC 3339 UTC timestamps with milliseconds.</summary>
public static class ApiJson
{
    public static readonly JsonSerializerOptions Options = Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
        options.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
        // Served only as application/json, never inlined in HTML: "+447911123456" reads better than "\u002B447911123456".
        options.Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
        options.Converters.Add(new Rfc3339UtcConverter());
        return options;
    }

    /// <summary>A service's property path (<c>BillingAddress.ZipCode</c>) as the request's JSON path (<c>billing_address.zip_code</c>).</summary>
    public static string ToJsonPath(string propertyPath) =>
        string.Join('.', propertyPath.Split('.').Select(JsonNamingPolicy.SnakeCaseLower.ConvertName));

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    private sealed class Rfc3339UtcConverter : JsonConverter<DateTime>
    {
        public override DateTime Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            Timestamps.ParseUtc(reader.GetString()) ?? throw new JsonException("Not an RFC 3339 timestamp.");

        public override void Write(Utf8JsonWriter writer, DateTime value, JsonSerializerOptions options) =>
            writer.WriteStringValue(Timestamps.ToRfc3339(value));
    }
}

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
    BillingAddressResource BillingAddress)
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
            c.BillingAddress.State, c.BillingAddress.ZipCode, c.BillingAddress.Country));
}

public sealed record BillingAddressResource(string Line1, string? Line2, string City, string State, string ZipCode, string Country);

/// <summary>A wallet as the API shows it. <c>status</c> is what the holder can do now: a suspended customer's wallets show as suspended.</summary>
public sealed record WalletResource(Guid Id, Guid CustomerId, string Currency, string Status, string Balance, DateTime CreatedAt)
{
    public static WalletResource From(Wallet wallet, CustomerStatus customerStatus) => new(
        wallet.Id, wallet.CustomerId, wallet.Currency, wallet.EffectiveStatus(customerStatus).ToWire(), wallet.FormattedBalance, wallet.CreatedAt);
}
