using System.Text.Json;
using BackOffice.Core.Customers;
using BackOffice.Core.Wallets;

namespace BackOffice.Web.Api;

/// <summary>
/// A request body read into a service's input, with the values whose JSON type was wrong. The readers judge only
/// the JSON shape (is a value a string, is billing_address an object); every rule about the values is the validator's.
/// </summary>
public sealed record JsonRequest<T>(T Input, IReadOnlyDictionary<string, string[]> TypeErrors);

/// <summary>The body of POST /api/v1/customers as a <see cref="NewCustomer"/>.</summary>
public static class CustomerRequestReader
{
    public static JsonRequest<NewCustomer> Read(JsonElement body)
    {
        var typeErrors = new Dictionary<string, string[]>();
        var input = new NewCustomer
        {
            FirstName = JsonFields.String(body, "first_name", "first_name", typeErrors),
            LastName = JsonFields.String(body, "last_name", "last_name", typeErrors),
            Email = JsonFields.String(body, "email", "email", typeErrors),
            Phone = JsonFields.String(body, "phone", "phone", typeErrors),
            Type = JsonFields.String(body, "type", "type", typeErrors),
        };

        if (!body.TryGetProperty("billing_address", out var address) || address.ValueKind == JsonValueKind.Null || JsonFields.IsBlankString(address))
        {
            // Absent, null or blank: the validator reports billing_address itself as required (400, not 422).
            input.BillingAddress = null!;
        }
        else if (address.ValueKind != JsonValueKind.Object)
        {
            typeErrors["billing_address"] = ["must be an object"];
        }
        else
        {
            input.BillingAddress = new NewBillingAddress
            {
                Line1 = JsonFields.String(address, "line1", "billing_address.line1", typeErrors),
                Line2 = JsonFields.String(address, "line2", "billing_address.line2", typeErrors),
                City = JsonFields.String(address, "city", "billing_address.city", typeErrors),
                State = JsonFields.String(address, "state", "billing_address.state", typeErrors),
                ZipCode = JsonFields.String(address, "zip_code", "billing_address.zip_code", typeErrors),
                Country = JsonFields.String(address, "country", "billing_address.country", typeErrors),
            };
        }
        return new JsonRequest<NewCustomer>(input, typeErrors);
    }
}

/// <summary>The body of POST /api/v1/wallets as a <see cref="NewWallet"/>.</summary>
public static class WalletRequestReader
{
    public static JsonRequest<NewWallet> Read(JsonElement body)
    {
        var typeErrors = new Dictionary<string, string[]>();
        var input = new NewWallet
        {
            CustomerId = JsonFields.String(body, "customer_id", "customer_id", typeErrors),
            Currency = JsonFields.String(body, "currency", "currency", typeErrors),
        };
        return new JsonRequest<NewWallet>(input, typeErrors);
    }
}

/// <summary>Reading single fields of a JSON object for the readers above.</summary>
internal static class JsonFields
{

    public static bool IsBlankString(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.String) return false;
        try { return string.IsNullOrWhiteSpace(value.GetString()); }
        catch (InvalidOperationException) { return false; }
    }

    /// <summary>
    /// A string field: null when absent or JSON null. A value of another JSON type is an error of its own (422),
    /// and is passed on as its JSON text so that the validator does not mistake it for a missing field.
    /// </summary>
    public static string? String(JsonElement parent, string name, string path, Dictionary<string, string[]> typeErrors)
    {
        if (!parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null) return null;
        if (value.ValueKind != JsonValueKind.String)
        {
            typeErrors[path] = ["must be a string"];
            return value.GetRawText();
        }
        try
        {
            return value.GetString();
        }
        catch (InvalidOperationException)
        {
            // An escaped lone surrogate ("\ud800") is valid JSON but not text.
            typeErrors[path] = ["must be valid Unicode text"];
            return "?";
        }
    }
}
